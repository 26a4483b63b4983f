package nl.protocolbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import nl.protocolbot.server.HttpExchanges;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Bolt on the JDK's HTTP server: the exchange becomes a Bolt request (through Bolt's own
 * {@link SlackRequestParser}), {@link App#run} handles it, request verification included, and its response is
 * written back. A body over the limit gets 413 before it is read whole.
 */
final class SlackHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpHandler.class);

    private static final String TEXT = "text/plain; charset=utf-8";
    /** Slack's window for request timestamps, in both directions. */
    static final long MAX_SKEW_SECONDS = 5 * 60;

    private final App app;
    private final SlackRequestParser parser;
    private final int maxBodyBytes;
    private final byte[] signingKey;
    private final java.time.Clock clock;
    private final SeenKeys seen;

    SlackHttpHandler(App app, String signingSecret, int maxBodyBytes, java.time.Clock clock, SeenKeys seen) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.maxBodyBytes = maxBodyBytes;
        this.signingKey = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.seen = seen;
    }

    /**
     * Slack's v0 signature, checked here in constant time and with the timestamp window applied to the future as
     * well as the past, before Bolt (whose own verification stays on) sees the request.
     */
    boolean verified(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("v0=")) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.millis() / 1000 - ts) > MAX_SKEW_SECONDS) {
            return false;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(signingKey, "HmacSHA256"));
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body)))
                    .getBytes(StandardCharsets.US_ASCII);
            return java.security.MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                handleExchange(exchange);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                // Bolt could not make sense of the body: bad input, not a fault of ours
                LOG.info("Slack request rejected: malformed body");
                HttpExchanges.send(exchange, 400, TEXT, "Bad Request");
            }
        }
    }

    private void handleExchange(HttpExchange exchange) throws Exception {
        if (!"POST".equals(exchange.getRequestMethod())) {
            HttpExchanges.send(exchange, 405, TEXT, "Method Not Allowed");
            return;
        }
        byte[] body = HttpExchanges.body(exchange, maxBodyBytes);
        if (body == null) {
            HttpExchanges.tooLarge(exchange, TEXT, "Payload Too Large");
            return;
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Slack-Signature");
        if (!verified(timestamp, signature, body)) {
            HttpExchanges.send(exchange, 401, TEXT, "Unauthorized");
            return;
        }
        if (!seen.claimRequest(signature)) {
            // the very same signed request again (also after a restart): a replay; it was handled the first time
            HttpExchanges.send(exchange, 200, TEXT, "");
            return;
        }
        try {
            run(exchange, body);
        } catch (Exception | Error e) {
            seen.releaseRequest(signature);
            throw e;
        }
    }

    private void run(HttpExchange exchange, byte[] body) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(exchange.getRequestURI().getPath())
                .queryString(query(exchange.getRequestURI().getRawQuery()))
                .headers(new RequestHeaders(headers))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                .build());
        if (request == null) {
            HttpExchanges.send(exchange, 400, TEXT, "Bad Request");
            return;
        }
        Response response = app.run(request);
        if (response.getStatusCode() >= 500) {
            // failed on our side: Slack's retry of this request must not be refused as a replay
            seen.releaseRequest(exchange.getRequestHeaders().getFirst("X-Slack-Signature"));
        }
        response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, new ArrayList<>(v)));
        String type = response.getContentType() == null ? TEXT : response.getContentType();
        HttpExchanges.send(exchange, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
    }




    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

}
