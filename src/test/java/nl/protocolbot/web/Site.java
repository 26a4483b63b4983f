package nl.protocolbot.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.protocolbot.TestCorpus;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.corpus.LiveCorpus;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;
import nl.protocolbot.feedback.TestStores;

/**
 * The real server ({@code Server.start}) on 127.0.0.1 with no chat platform: the web page alone, on a copy of the
 * bundled corpus followed live, question texts kept. Plus an HTTP client that handles the session cookie by hand
 * (so tests see every header), and a second handle on the same feedback database for assertions.
 */
final class Site implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";

    final Path corpus;
    final Path data;
    final Server server;
    final URI base;
    final FeedbackStore store;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Site(Path tmp, Optional<String> password, String... extra) throws Exception {
        this(TestCorpus.copy(tmp), tmp.resolve("data"), password, extra);
    }

    /** A server on this corpus folder and data folder (a second replica on the same ones, for example). */
    Site(Path corpus, Path data, Optional<String> password, String... extra) throws Exception {
        this.corpus = corpus;
        this.data = data;
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "PROTOCOLBOT_BIND", "127.0.0.1",
                "PROTOCOLBOT_DATA", data.toString(), "PROTOCOLBOT_CORPUS", corpus.toString(),
                "PROTOCOLBOT_KEEP_UNANSWERED", "true", "PROTOCOLBOT_RELOAD_SECONDS", "3600"));
        password.ifPresent(p -> env.put("PROTOCOLBOT_ADMIN_PASSWORD", p));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        server = Server.start(Settings.fromEnv(env));
        base = URI.create("http://127.0.0.1:" + server.port());
        store = TestStores.openFolder(data, true);
    }

    LiveCorpus<nl.protocolbot.answer.Answerer> live() {
        return server.corpus();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends bytes as they are (for requests an HTTP client refuses to make) and returns the whole response. */
    String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", base.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String q(String question) {
        return "/?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8);
    }

    /** The hidden fields of the (first) form posting to {@code action} in a page. */
    static Map<String, String> form(String html, String action) {
        int at = html.indexOf("action=\"" + action + "\"");
        if (at < 0) {
            throw new AssertionError("no form for " + action + " in:\n" + html);
        }
        String form = html.substring(at, html.indexOf("</form>", at));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(form);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The value of the management cookie a response sets, or null. */
    static String sessionCookie(HttpResponse<?> r) {
        List<String> set = r.headers().allValues("Set-Cookie");
        for (String c : set) {
            if (c.startsWith(WebEndpoint.COOKIE + "=")) {
                return c.substring(WebEndpoint.COOKIE.length() + 1, c.indexOf(';'));
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        server.close();
        store.close();
    }
}
