package nl.protocolbot.http;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The steps of one HTTP exchange that every Jetty handler of the bot shares: receiving a body within a limit, turning
 * the request into an {@link HttpEndpoint.Call}, and writing an {@link HttpEndpoint.Reply}.
 */
public final class Exchange {
    private Exchange() {
    }

    /** Receives the body without blocking; fails with a failure {@link #tooLarge} recognises past {@code limit}. */
    public static CompletableFuture<byte[]> body(Request request, int limit) {
        return BodyReader.read(request, limit);
    }

    /** Whether a body's failure is that it passed its limit. */
    public static boolean tooLarge(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof BodyReader.TooLarge;
    }

    /** The request as an endpoint sees it, with the body received. */
    public static HttpEndpoint.Call call(Request request, byte[] body) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        }
        return new HttpEndpoint.Call(request.getMethod(), Request.getPathInContext(request),
                request.getHttpURI().getQuery(), headers, body, Request.getRemoteAddr(request));
    }

    /** Writes a reply; {@code close} ends the connection after it (the body may not have been read). */
    public static void send(Request request, Response response, Callback callback, HttpEndpoint.Reply reply,
                            boolean close) {
        response.setStatus(reply.status());
        for (Map.Entry<String, String> h : reply.headers()) {
            response.getHeaders().add(h.getKey(), h.getValue());
        }
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        boolean head = HttpMethod.HEAD.is(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(reply.body()), callback);
    }
}
