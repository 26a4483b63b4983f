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

    private final App app;
    private final SlackRequestParser parser;
    private final int maxBodyBytes;

    SlackHttpHandler(App app, int maxBodyBytes) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed");
                return;
            }
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && parseLong(declared) > maxBodyBytes) {
                send(exchange, 413, "text/plain; charset=utf-8", "Payload Too Large");
                return;
            }
            byte[] body = readLimited(exchange.getRequestBody(), maxBodyBytes);
            if (body == null) {
                send(exchange, 413, "text/plain; charset=utf-8", "Payload Too Large");
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
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Slack request failed: {}", e.getClass().getSimpleName());
            try {
                send(exchange, 400, "text/plain; charset=utf-8", "Bad Request");
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

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
