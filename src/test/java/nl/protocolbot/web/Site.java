package nl.protocolbot.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.protocolbot.TestCorpus;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.corpus.CorpusLoader;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.search.SearchEngine;
import nl.protocolbot.server.LiveCorpus;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The web page on 127.0.0.1 over real HTTP, on a copy of the bundled corpus followed live, with a real SQLite
 * feedback store, plus an HTTP client that handles the session cookie by hand (so tests see every header).
 */
final class Site implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";

    final Path corpus;
    final LiveCorpus live;
    final FeedbackStore store;
    final MemoryKept kept = new MemoryKept();
    final Server jetty;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Site(Path tmp, Optional<String> password, Clock clock) throws Exception {
        corpus = TestCorpus.copy(tmp);
        live = new LiveCorpus(Optional.of(corpus), c -> new Answerer(SearchEngine.build(c)), clock);
        live.load();
        store = FeedbackStore.builder(new FeedbackStore.Database("jdbc:sqlite:" + tmp.resolve("feedback.db"),
                Optional.empty(), Optional.empty())).questionTexts(FeedbackStore.QuestionTexts.KEEP).clock(clock).open();
        WebApp app = WebApp.builder()
                .answerer(live::current)
                .status(() -> live.version().map(v -> new WebApp.CorpusStatus(v.fingerprint(), v.loadedAt(),
                        v.articles(), v.protocols(), live.lastRefusal().map(r -> new WebApp.Refusal(r.at(),
                        r.problems(), r.summary())))))
                .feedback(store)
                .kept(kept)
                .learner(Optional.of((id, q) -> {
                    CorpusLoader.learn(corpus, id, q);
                    live.reloadIfChanged();
                }))
                .adminPassword(password)
                .clock(clock)
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(app.handler());
        jetty.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
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

    /** The hidden and named fields of the form posting to {@code action} in a page. */
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
            if (c.startsWith(WebHandler.COOKIE + "=")) {
                return c.substring(WebHandler.COOKIE.length() + 1, c.indexOf(';'));
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        live.close();
        store.close();
    }
}
