package nl.protocolbot.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What every endpoint of the JDK HTTP server needs: a bounded body read, a bounded 413, and a response. */
public final class HttpExchanges {
    /** Most of an oversized body that is skipped before answering 413. */
    static final long MAX_SKIP = 16L << 20;

    private HttpExchanges() {
    }

    /**
     * The request body, or null when it is larger than {@code limit} bytes (declared or actual); it is never
     * buffered beyond the limit.
     */
    public static byte[] body(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
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

    /**
     * 413 without keeping the body: what is still coming is skipped (up to a bound) so that the client can read the
     * answer instead of seeing its connection reset; past the bound the connection is simply closed.
     */
    public static void tooLarge(HttpExchange exchange, String contentType, String body) throws IOException {
        exchange.getResponseHeaders().set("Connection", "close");
        try {
            InputStream in = exchange.getRequestBody();
            byte[] sink = new byte[16384];
            long skipped = 0;
            for (int n = in.read(sink); n >= 0 && skipped < MAX_SKIP; n = in.read(sink)) {
                skipped += n;
            }
        } catch (IOException e) {
            return; // the client went away; nothing to answer
        }
        send(exchange, 413, contentType, body);
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
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
