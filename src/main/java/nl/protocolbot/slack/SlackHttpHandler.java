package nl.protocolbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** Slack's window for request timestamps, in both directions. */
    static final long MAX_SKEW_SECONDS = 5 * 60;

    private final App app;
    private final SlackRequestParser parser;
    private final int maxBodyBytes;
    private final byte[] signingKey;
    private final java.time.Clock clock;
    private final EventDeduplicator seenSignatures;

    SlackHttpHandler(App app, String signingSecret, int maxBodyBytes, java.time.Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.maxBodyBytes = maxBodyBytes;
        this.signingKey = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.seenSignatures = new EventDeduplicator(clock);
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
                send(exchange, 400, "text/plain; charset=utf-8", "Bad Request");
            }
        }
    }

    private void handleExchange(HttpExchange exchange) throws Exception {
        {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed");
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && parseLong(declared) > maxBodyBytes) {
                tooLarge(exchange);
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody(), maxBodyBytes);
            if (body == null) {
                tooLarge(exchange);
                return;
            }
            String timestamp = exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Slack-Signature");
            if (!verified(timestamp, signature, body)) {
                send(exchange, 401, "text/plain; charset=utf-8", "Unauthorized");
                return;
            }
            if (!seenSignatures.firstTime(signature)) {
                // the very same signed request again: a replay; it was handled the first time
                send(exchange, 200, "text/plain; charset=utf-8", "");
                return;
            }
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
                send(exchange, 400, "text/plain; charset=utf-8", "Bad Request");
                return;
            }
            Response response = app.run(request);
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, new ArrayList<>(v)));
            String type = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
            send(exchange, response.getStatusCode(), type, response.getBody() == null ? "" : response.getBody());
        }
    }

    /**
     * 413 without keeping the body: what is still coming is skipped (up to a bound) so the client can read the
     * answer instead of seeing its connection reset; past the bound the connection is simply closed.
     */
    static void tooLarge(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        try (InputStream in = exchange.getRequestBody()) {
            long skipped = 0;
            byte[] sink = new byte[16384];
            for (int n = in.read(sink); n >= 0 && skipped < MAX_SKIP; n = in.read(sink)) {
                skipped += n;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
            return;
        }
        send(exchange, 413, "text/plain; charset=utf-8", "Payload Too Large");
    }

    /** Most of an oversized body that is skipped before answering 413. */
    static final long MAX_SKIP = 16L << 20;

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Reads at most {@code limit} bytes; returns null when there is more. */
    static byte[] readLimited(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int total = 0;
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
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

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }
}
