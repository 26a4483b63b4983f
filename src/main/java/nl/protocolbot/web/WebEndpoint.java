package nl.protocolbot.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.http.HttpEndpoint;
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
    /** A message from a management form for the page after it (a minute at most, shown once). */
    static final String FLASH_COOKIE = "beheer_melding";
    /** Largest form the pages accept (a vote with a long question is about 2 KB). */
    static final int MAX_FORM_BYTES = 16 * 1024;
    private static final List<String> FORMS = List.of("/stem", "/beheer/inloggen", "/beheer/uitloggen",
            "/beheer/koppel", "/beheer/verwijder", ImportPages.PATH);

    private final Supplier<Answerer> answerer;
    private final PublicPages pages;
    private final Voting voting;
    private final Optional<AdminPages> admin;
    private final Optional<ImportPages> imports;
    private final Optional<URI> publicUrl;
    private final Templates templates = new Templates();
    private final String css;

    WebEndpoint(Supplier<Answerer> answerer, PublicPages pages, Voting voting, Optional<AdminPages> admin,
                Optional<ImportPages> imports, Optional<URI> publicUrl) {
        this.answerer = answerer;
        this.pages = pages;
        this.voting = voting;
        this.admin = admin;
        this.imports = imports;
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
            LOG.error("web page failed: {}", e.getClass().getSimpleName(), nl.protocolbot.http.Traces.withoutMessages(e));
            return reply(call, Outcome.of(Page.message(500, "Er ging iets mis",
                    "De pagina kon niet worden gemaakt. Probeer het zo opnieuw.")), "no-store");
        }
    }

    private Outcome route(Call call, String path) throws Exception {
        boolean post = call.method().equals("POST");
        boolean managed = path.equals("/beheer") || path.startsWith("/beheer/");
        boolean importing = path.equals(ImportPages.PATH) || path.startsWith(ImportPages.DRAFTS);
        if (managed && admin.isEmpty() || importing && imports.isEmpty() || !readable(path) && !isForm(path)) {
            return Outcome.of(Page.notFound());
        }
        if (!(isGet(call) && readable(path)) && !(post && isForm(path))) {
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
        boolean post = call.method().equals("POST");
        Optional<Sessions.Flash> flash = call.cookie(FLASH_COOKIE).flatMap(WebEndpoint::flash);
        if (path.equals(ImportPages.PATH)) {
            ImportPages im = imports.orElseThrow();
            if (post && !im.signedIn(session)) {
                return Outcome.redirect("/beheer"); // before the body is read as a form
            }
            return post ? im.upload(session, multipart(call)) : im.form(session, flash);
        }
        if (path.startsWith(ImportPages.DRAFTS)) {
            ImportPages im = imports.orElseThrow();
            String id = path.substring(ImportPages.DRAFTS.length());
            return post ? im.change(session, id, form(call)) : im.review(session, id, flash);
        }
        return switch (path) {
            case "/beheer" -> beheer.show(session, flash, a);
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
                || path.startsWith("/artikel/") && path.indexOf('/', "/artikel/".length()) > 0
                || path.equals(ImportPages.PATH) || draft(path);
    }

    /** A path forms post to: a fixed one, or a draft under review. */
    private static boolean isForm(String path) {
        return FORMS.contains(path) || draft(path);
    }

    /** {@code /beheer/concept/<id>}: one segment after the prefix. */
    private static boolean draft(String path) {
        return path.startsWith(ImportPages.DRAFTS) && path.length() > ImportPages.DRAFTS.length()
                && path.indexOf('/', ImportPages.DRAFTS.length()) < 0;
    }

    /**
     * A page for a request the endpoint never saw whole ({@link UploadHandler}: too large, too slow, busy), with
     * the same headers as every other management page.
     */
    Reply refuse(Call call, Page page) {
        return reply(call, Outcome.of(page), "no-store");
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
            r = r.with("Set-Cookie", cookie(call, COOKIE, outcome.session(), -1));
        }
        if (outcome.endSession()) {
            r = r.with("Set-Cookie", cookie(call, COOKIE, "", 0));
        }
        if (outcome.flash() != null) {
            r = r.with("Set-Cookie", cookie(call, FLASH_COOKIE, flash(outcome.flash()), 60));
        }
        if (outcome.endFlash()) {
            r = r.with("Set-Cookie", cookie(call, FLASH_COOKIE, "", 0));
        }
        if (!outcome.retryAfter().isZero()) {
            r = r.with("Retry-After", Long.toString(Math.max(1, outcome.retryAfter().toSeconds())));
        }
        return r;
    }

    /**
     * A management cookie: sent only to {@code /beheer}, never readable by script, never sent from another site,
     * and Secure when the page is reached over HTTPS: through a proxy that says so ({@code X-Forwarded-Proto:
     * https}), or when the public address is https. Values are base64url, so the header is written out here.
     *
     * @param maxAge seconds, or -1 for a cookie that ends with the browser session
     */
    private String cookie(Call call, String name, String value, int maxAge) {
        boolean secure = https(call) || publicUrl.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
        return name + "=" + value + "; Path=/beheer; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    /** A flash message as a cookie value: its kind and text, base64url. */
    static String flash(Sessions.Flash f) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(((f.problem() ? "!" : ".") + f.text())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The message in a flash cookie; empty for anything that is not one. */
    static Optional<Sessions.Flash> flash(String value) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            return s.length() < 2 || "!.".indexOf(s.charAt(0)) < 0 ? Optional.empty()
                    : Optional.of(new Sessions.Flash(s.substring(1), s.charAt(0) == '!'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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

    /** A multipart form (the upload) of at most {@link ImportPages#MAX_UPLOAD} bytes. */
    private static Map<String, Multipart.Part> multipart(Call call) throws BadRequest {
        if (call.body().length > ImportPages.MAX_UPLOAD) {
            throw new BadRequest("Dit formulier is te groot.");
        }
        return Multipart.parse(call.header("Content-Type"), call.body())
                .orElseThrow(() -> new BadRequest("Dit formulier kon niet worden gelezen."));
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
