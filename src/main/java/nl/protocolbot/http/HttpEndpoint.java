package nl.protocolbot.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a chat adapter or a web page plugs into the one HTTP server: a plain function from a fully received request
 * to a response. The server does everything an endpoint should not have to think about before calling it: path and
 * method matching (405 with {@code Allow}), the body size limit (413, also for chunked bodies), the time a client
 * gets to send its request (408), header size limits (431), and 503 while the server is stopping. The body is
 * received without holding a thread, so slow clients cannot starve the others; {@link #handle} runs on a pooled
 * thread and may block briefly (an answer, a database write).
 *
 * <p>Mounting happens in {@link Server} (the one place that wires parts), for example:
 *
 * <pre>{@code
 * routes.exact("/api/messages", Method.POST, teamsBot);             // a bot endpoint: JSON in, JSON out
 * routes.exact("/", Method.GET_HEAD, call -> HttpEndpoint.Reply.html(200, page.render()));
 * routes.prefix("/artikel/", Method.GET_HEAD, web::article);        // call.path() is "/artikel/aurora/3.5"
 * routes.prefix("/beheer", Method.GET_POST, web::admin);            // forms: call.form(); cookies: call.cookie("s")
 * }</pre>
 *
 * A web page answers with {@code Reply.html(200, text)}, sets a cookie with
 * {@code reply.with("Set-Cookie", "s=…; HttpOnly; Secure; SameSite=Lax; Path=/")}, and redirects after a form post
 * with {@code Reply.redirect("/beheer")}. Anything that needs Jetty itself (streaming, a resource handler) can be
 * mounted as an {@code org.eclipse.jetty.server.Handler} with {@code routes.handler(path, handler)} instead.
 */
@FunctionalInterface
public interface HttpEndpoint {
    /** Answers one request; an exception becomes a 500 without details (and is logged without the request). */
    Reply handle(Call call) throws Exception;

    /** HTTP methods an endpoint accepts; anything else gets 405 with an {@code Allow} header. */
    enum Method {
        GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS;

        public static final java.util.Set<Method> POST_ONLY = java.util.EnumSet.of(POST);
        public static final java.util.Set<Method> GET_HEAD = java.util.EnumSet.of(GET, HEAD);
        public static final java.util.Set<Method> GET_POST = java.util.EnumSet.of(GET, HEAD, POST);
    }

    /**
     * A fully received request.
     *
     * @param method        upper case, e.g. {@code POST}
     * @param path          the decoded path, e.g. {@code /artikel/aurora/3.5}
     * @param rawQuery      the query string as sent (without {@code ?}), or empty
     * @param headers       header names in lower case, values in the order received
     * @param body          the body, at most the server's limit; empty for none
     * @param remoteAddress the client's IP address
     */
    record Call(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                String remoteAddress) {
        public Call {
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
            rawQuery = rawQuery == null ? "" : rawQuery;
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** The first value of a header (name in any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The query parameters, decoded, in order. */
        public Map<String, List<String>> query() {
            return urlEncoded(rawQuery);
        }

        /** The fields of an {@code application/x-www-form-urlencoded} body, decoded, in order. */
        public Map<String, List<String>> form() {
            return urlEncoded(bodyText());
        }

        /** A cookie's value, when the request carries it. */
        public Optional<String> cookie(String name) {
            for (String line : headers.getOrDefault("cookie", List.of())) {
                for (String pair : line.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                        return Optional.of(pair.substring(eq + 1).strip());
                    }
                }
            }
            return Optional.empty();
        }

        /** Decodes {@code a=1&b=2}; a malformed escape makes the whole string count as empty. */
        static Map<String, List<String>> urlEncoded(String raw) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            try {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            } catch (IllegalArgumentException malformed) {
                return new LinkedHashMap<>();
            }
            return out;
        }
    }

    /**
     * A response: status, headers (e.g. {@code Content-Type}, {@code Set-Cookie}, {@code Location}) and body. The
     * server adds {@code Content-Length}; for {@code HEAD} it sends the headers only.
     */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        public Reply {
            headers = List.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        public static Reply of(int status, String contentType, String body) {
            return new Reply(status, List.of(Map.entry("Content-Type", contentType)),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply text(int status, String body) {
            return of(status, "text/plain; charset=utf-8", body);
        }

        public static Reply json(int status, String body) {
            return of(status, "application/json; charset=utf-8", body);
        }

        public static Reply html(int status, String body) {
            return of(status, "text/html; charset=utf-8", body);
        }

        /** 303 See Other: where to go after a form post. */
        public static Reply redirect(String location) {
            return new Reply(303, List.of(Map.entry("Location", location)), new byte[0]);
        }

        /** This reply with one more header (headers may repeat, e.g. two {@code Set-Cookie}). */
        public Reply with(String name, String value) {
            List<Map.Entry<String, String>> h = new ArrayList<>(headers);
            h.add(Map.entry(name, value));
            return new Reply(status, h, body);
        }
    }
}
