package nl.protocolbot.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answerer;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page over HTTP (Jetty's core handler API): routes, form and query parsing, the session cookie, the
 * security headers on every response, and rendering. Logs no path, query, form field or question.
 */
final class WebHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(WebHandler.class);
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    static final String COOKIE = "beheer_sessie";
    static final int MAX_FORM_BYTES = 16 * 1024;
    static final int MAX_FORM_FIELDS = 20;
    private static final String HTML = "text/html; charset=utf-8";

    private final Supplier<Answerer> answerer;
    private final PublicPages pages;
    private final Voting voting;
    private final Optional<AdminPages> admin;
    private final Optional<URI> publicUrl;
    private final Templates templates = new Templates();
    private final byte[] css;

    WebHandler(Supplier<Answerer> answerer, PublicPages pages, Voting voting, Optional<AdminPages> admin,
               Optional<URI> publicUrl) {
        this.answerer = answerer;
        this.pages = pages;
        this.voting = voting;
        this.admin = admin;
        this.publicUrl = publicUrl;
        this.css = resource("static/style.css");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        try {
            if (path.equals("/static/style.css")) {
                return stylesheet(request, response, callback);
            }
            send(request, response, callback, route(request, path), cachePolicy(request, path));
        } catch (BadRequest e) {
            send(request, response, callback, Reply.of(Page.message(400, "Onleesbaar verzoek", e.getMessage())),
                    "no-store");
        } catch (Exception e) {
            LOG.error("web page failed: {}", e.getClass().getSimpleName());
            send(request, response, callback, Reply.of(Page.message(500, "Er ging iets mis",
                    "De pagina kon niet worden gemaakt. Probeer het zo opnieuw.")), "no-store");
        }
        return true;
    }

    private Reply route(Request request, String path) throws Exception {
        String method = request.getMethod();
        boolean get = method.equals("GET") || method.equals("HEAD");
        boolean post = method.equals("POST");
        boolean managed = path.equals("/beheer") || path.startsWith("/beheer/");
        if (managed && admin.isEmpty() || !known(path)) {
            return Reply.of(Page.notFound());
        }
        if (!(get && readable(path)) && !(post && postable(path))) {
            return Reply.of(Page.message(405, "Niet toegestaan", "Deze pagina kan zo niet worden opgevraagd."));
        }
        if (post && "cross-site".equals(request.getHeaders().get("Sec-Fetch-Site"))) {
            return Reply.of(Page.message(403, "Formulier geweigerd", "Dit formulier komt niet van deze site."));
        }
        Answerer a = answerer.get();
        if (a == null) {
            return Reply.of(Page.message(503, "Even geduld", "De bot start nog op. Probeer het over een paar "
                    + "seconden opnieuw.")).retryAfter(java.time.Duration.ofSeconds(5));
        }
        if (managed) {
            return managed(request, path, a);
        }
        if (path.equals("/stem")) {
            return voting.vote(form(request));
        }
        if (path.equals("/")) {
            Fields query = query(request);
            return Reply.of(pages.home(a, Optional.ofNullable(query.getValue("q")).orElse(""),
                    query.getValue("gestemd") != null));
        }
        if (path.startsWith("/protocol/")) {
            return Reply.of(pages.protocol(a, path.substring("/protocol/".length())).orElseGet(Page::notFound));
        }
        return Reply.of(pages.article(a, path.substring("/artikel/".length()), origin(request))
                .orElseGet(Page::notFound));
    }

    private Reply managed(Request request, String path, Answerer a) throws Exception {
        AdminPages pages = admin.orElseThrow();
        String session = cookie(request);
        return switch (path) {
            case "/beheer" -> pages.show(session, a);
            case "/beheer/inloggen" -> pages.login(session, form(request));
            case "/beheer/uitloggen" -> pages.logout(session, form(request));
            case "/beheer/koppel" -> pages.link(session, form(request));
            default -> pages.delete(session, form(request));
        };
    }

    private static boolean known(String path) {
        return readable(path) || postable(path);
    }

    private static boolean readable(String path) {
        return path.equals("/") || path.equals("/beheer") || path.startsWith("/protocol/")
                || path.startsWith("/artikel/") && path.indexOf('/', "/artikel/".length()) > 0;
    }

    private static boolean postable(String path) {
        return List.of("/stem", "/beheer/inloggen", "/beheer/uitloggen", "/beheer/koppel", "/beheer/verwijder")
                .contains(path);
    }

    /** Answers and management pages hold questions or votes: never stored by a browser or proxy. */
    private static String cachePolicy(Request request, String path) {
        boolean question = path.equals("/") && request.getHttpURI().getQuery() != null;
        return question || path.equals("/stem") || path.startsWith("/beheer") ? "no-store" : "no-cache";
    }

    private void send(Request request, Response response, Callback callback, Reply reply, String cache) {
        HttpFields.Mutable h = response.getHeaders();
        securityHeaders(h);
        h.put(HttpHeader.CACHE_CONTROL, cache);
        if (reply.session() != null) {
            Response.addCookie(response, cookie(request, reply.session(), -1));
        }
        if (reply.endSession()) {
            Response.addCookie(response, cookie(request, "", 0));
        }
        if (!reply.retryAfter().isZero()) {
            h.put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, reply.retryAfter().toSeconds())));
        }
        if (reply.location() != null) {
            response.setStatus(303);
            h.put(HttpHeader.LOCATION, reply.location());
            callback.succeeded();
            return;
        }
        Map<String, Object> model = new HashMap<>(reply.page().model());
        model.put("beheer", admin.isPresent());
        String html = templates.render(reply.page().template(), model);
        response.setStatus(reply.page().status());
        h.put(HttpHeader.CONTENT_TYPE, HTML);
        Content.Sink.write(response, true, html, callback);
    }

    /** On every response: no script or style from anywhere but this site, no framing, no sniffing, no referrer. */
    static void securityHeaders(HttpFields.Mutable h) {
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    private boolean stylesheet(Request request, Response response, Callback callback) {
        HttpFields.Mutable h = response.getHeaders();
        securityHeaders(h);
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setStatus(405);
            callback.succeeded();
            return true;
        }
        h.put(HttpHeader.CONTENT_TYPE, "text/css; charset=utf-8");
        h.put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
        response.write(true, ByteBuffer.wrap(css), callback);
        return true;
    }

    /**
     * The session cookie: only sent to {@code /beheer}, never readable by script, never sent from another site,
     * and only over HTTPS when the page is reached over HTTPS (directly, or through a proxy that says so with
     * {@code X-Forwarded-Proto: https}, or when the public address is https).
     */
    private HttpCookie cookie(Request request, String value, int maxAge) {
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"))
                || publicUrl.map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
        HttpCookie.Builder b = HttpCookie.build(COOKIE, value).path("/beheer").httpOnly(true).secure(secure)
                .sameSite(HttpCookie.SameSite.STRICT);
        if (maxAge >= 0) {
            b.maxAge(maxAge);
        }
        return b.build();
    }

    private static String cookie(Request request) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** Where this page is reached: the public address when set, otherwise what the request says. */
    private String origin(Request request) {
        if (publicUrl.isPresent()) {
            String s = publicUrl.get().toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        String scheme = request.isSecure() ? "https" : "http";
        int port = Request.getServerPort(request);
        boolean standard = port <= 0 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        return scheme + "://" + Request.getServerName(request) + (standard ? "" : ":" + port);
    }

    private static Fields query(Request request) throws BadRequest {
        try {
            return Request.extractQueryParameters(request, java.nio.charset.StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new BadRequest("Het adres van deze pagina is onleesbaar. Stel je vraag opnieuw in het zoekvak.");
        }
    }

    /** A URL-encoded form of at most {@link #MAX_FORM_FIELDS} fields and {@link #MAX_FORM_BYTES} bytes. */
    private static Map<String, String> form(Request request) throws BadRequest {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest("Dit formulier kon niet worden gelezen.");
        }
        Fields fields;
        try {
            fields = FormFields.getFields(request, MAX_FORM_FIELDS, MAX_FORM_BYTES);
        } catch (RuntimeException e) {
            throw new BadRequest("Dit formulier is te groot of onleesbaar.");
        }
        Map<String, String> out = new HashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebHandler.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
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
