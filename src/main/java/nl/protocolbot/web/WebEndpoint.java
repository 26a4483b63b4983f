package nl.protocolbot.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.server.HttpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page on the server's {@link HttpEndpoint}: routes, query and form reading, the session cookie, caching
 * rules and rendering. The server has already received the body within its limits and adds the security headers
 * to every response. Logs no path, query, form field or question.
 */
final class WebEndpoint implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WebEndpoint.class);
    static final String COOKIE = "beheer_sessie";
    /** Largest form the pages accept (a vote with a long question is about 2 KB). */
    static final int MAX_FORM_BYTES = 16 * 1024;
    private static final List<String> FORMS = List.of("/stem", "/beheer/inloggen", "/beheer/uitloggen",
            "/beheer/koppel", "/beheer/verwijder");

    private final Supplier<Answerer> answerer;
    private final PublicPages pages;
    private final Voting voting;
    private final Optional<AdminPages> admin;
    private final Optional<URI> publicUrl;
    private final Templates templates = new Templates();
    private final String css;

    WebEndpoint(Supplier<Answerer> answerer, PublicPages pages, Voting voting, Optional<AdminPages> admin,
                Optional<URI> publicUrl) {
        this.answerer = answerer;
        this.pages = pages;
        this.voting = voting;
        this.admin = admin;
        this.publicUrl = publicUrl;
        this.css = resource("static/style.css");
    }

    @Override
    public Reply handle(Call call) {
        String path = call.path();
        if (path.equals("/static/style.css") && isGet(call)) {
            return Reply.of(200, "text/css; charset=utf-8", css).with("Cache-Control", "public, max-age=3600");
        }
        try {
            return reply(call, route(call, path), cachePolicy(call, path));
        } catch (BadRequest e) {
            return reply(call, Outcome.of(Page.message(400, "Onleesbaar verzoek", e.getMessage())), "no-store");
        } catch (Exception e) {
            LOG.error("web page failed: {}", e.getClass().getSimpleName());
            return reply(call, Outcome.of(Page.message(500, "Er ging iets mis",
                    "De pagina kon niet worden gemaakt. Probeer het zo opnieuw.")), "no-store");
        }
    }

    private Outcome route(Call call, String path) throws Exception {
        boolean post = call.method().equals("POST");
        boolean managed = path.equals("/beheer") || path.startsWith("/beheer/");
        if (managed && admin.isEmpty() || !readable(path) && !FORMS.contains(path)) {
            return Outcome.of(Page.notFound());
        }
        if (!(isGet(call) && readable(path)) && !(post && FORMS.contains(path))) {
            return Outcome.of(Page.message(405, "Niet toegestaan", "Deze pagina kan zo niet worden opgevraagd."));
        }
        if (post && "cross-site".equals(call.header("Sec-Fetch-Site"))) {
            return Outcome.of(Page.message(403, "Formulier geweigerd", "Dit formulier komt niet van deze site."));
        }
        Answerer a = answerer.get();
        if (a == null) {
            return Outcome.of(Page.message(503, "Even geduld", "De bot start nog op. Probeer het over een paar "
                    + "seconden opnieuw.")).retryAfter(Duration.ofSeconds(5));
        }
        if (managed) {
            return managed(call, path, a);
        }
        if (path.equals("/stem")) {
            return voting.vote(form(call));
        }
        if (path.equals("/")) {
            Map<String, String> query = query(call);
            return Outcome.of(pages.home(a, query.getOrDefault("q", ""), query.containsKey("gestemd")));
        }
        if (path.startsWith("/protocol/")) {
            return Outcome.of(pages.protocol(a, path.substring("/protocol/".length())).orElseGet(Page::notFound));
        }
        return Outcome.of(pages.article(a, path.substring("/artikel/".length()), origin(call))
                .orElseGet(Page::notFound));
    }

    private Outcome managed(Call call, String path, Answerer a) throws Exception {
        AdminPages beheer = admin.orElseThrow();
        String session = call.cookie(COOKIE).orElse(null);
        return switch (path) {
            case "/beheer" -> beheer.show(session, a);
            case "/beheer/inloggen" -> beheer.login(session, form(call));
            case "/beheer/uitloggen" -> beheer.logout(session, form(call));
            case "/beheer/koppel" -> beheer.link(session, form(call));
            default -> beheer.delete(session, form(call));
        };
    }

    private static boolean isGet(Call call) {
        return call.method().equals("GET") || call.method().equals("HEAD");
    }

    private static boolean readable(String path) {
        return path.equals("/") || path.equals("/beheer") || path.startsWith("/protocol/")
                || path.startsWith("/artikel/") && path.indexOf('/', "/artikel/".length()) > 0;
    }

    /** Answers and management pages hold questions or votes: never stored by a browser or proxy. */
    private static String cachePolicy(Call call, String path) {
        boolean question = path.equals("/") && !call.rawQuery().isEmpty();
        return question || FORMS.contains(path) || path.startsWith("/beheer") ? "no-store" : "private, no-cache";
    }

    private Reply reply(Call call, Outcome outcome, String cache) {
        Reply r;
        if (outcome.location() != null) {
            r = Reply.redirect(outcome.location());
        } else {
            Map<String, Object> model = new HashMap<>(outcome.page().model());
            model.put("beheer", admin.isPresent());
            r = Reply.html(outcome.page().status(), templates.render(outcome.page().template(), model));
        }
        r = r.with("Cache-Control", cache);
        if (outcome.session() != null) {
            r = r.with("Set-Cookie", cookie(call, outcome.session(), false));
        }
        if (outcome.endSession()) {
            r = r.with("Set-Cookie", cookie(call, "", true));
        }
        if (!outcome.retryAfter().isZero()) {
            r = r.with("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
        }
        return r;
    }

    /**
     * The session cookie: sent only to {@code /beheer}, never readable by script, never sent from another site,
     * and Secure when the page is reached over HTTPS: through a proxy that says so ({@code X-Forwarded-Proto:
     * https}), or when the public address is https. The value is base64url, so the header is written out here.
     */
    private String cookie(Call call, String value, boolean end) {
        boolean secure = https(call) || publicUrl.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
        return COOKIE + "=" + value + "; Path=/beheer; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (end ? "; Max-Age=0" : "");
    }

    private static boolean https(Call call) {
        String proto = call.header("X-Forwarded-Proto");
        return proto != null && proto.strip().toLowerCase(Locale.ROOT).startsWith("https");
    }

    /** Where this page is reached: the public address when set, otherwise what the request says. */
    private String origin(Call call) {
        if (publicUrl.isPresent()) {
            String s = publicUrl.get().toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        String host = Optional.ofNullable(call.header("X-Forwarded-Host")).orElse(call.header("Host"));
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            return "";
        }
        return (https(call) ? "https://" : "http://") + host;
    }

    /** The query's first values; a malformed query is refused instead of being read as no query. */
    private static Map<String, String> query(Call call) throws BadRequest {
        Map<String, List<String>> q = call.query();
        if (q.isEmpty() && !call.rawQuery().isEmpty()) {
            throw new BadRequest("Het adres van deze pagina is onleesbaar. Stel je vraag opnieuw in het zoekvak.");
        }
        return first(q);
    }

    /** A URL-encoded form of at most {@link #MAX_FORM_BYTES} bytes. */
    private static Map<String, String> form(Call call) throws BadRequest {
        String type = call.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest("Dit formulier kon niet worden gelezen.");
        }
        if (call.body().length > MAX_FORM_BYTES) {
            throw new BadRequest("Dit formulier is te groot.");
        }
        return first(call.form());
    }

    private static Map<String, String> first(Map<String, List<String>> values) {
        Map<String, String> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(0)));
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = WebEndpoint.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request that cannot be read; the message says so in Dutch. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
