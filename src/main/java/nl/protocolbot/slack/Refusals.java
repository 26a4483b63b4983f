package nl.protocolbot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * Turns an event handler's refusal into HTTP 503. Bolt treats an event handler's non-200 response as "not handled"
 * and acknowledges the event anyway (or answers 404), so a handler that cannot take an event throws
 * {@link Refused}, and this middleware, the last before the handlers, answers for it.
 */
final class Refusals implements Middleware {
    /** Thrown by a handler that cannot take the work now; Slack should deliver it again later. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("refused", null, false, false);
        }
    }

    static final Response UNAVAILABLE = Response.builder().statusCode(503)
            .contentType("text/plain; charset=utf-8").body("Service Unavailable").build();

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        try {
            return chain.next(req);
        } catch (Refused e) {
            return Response.builder().statusCode(UNAVAILABLE.getStatusCode())
                    .contentType(UNAVAILABLE.getContentType()).body(UNAVAILABLE.getBody()).build();
        }
    }
}
