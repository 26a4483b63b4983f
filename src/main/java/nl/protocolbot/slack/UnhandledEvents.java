package nl.protocolbot.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledges events that have no handler, before Bolt would answer them with 404 (which Slack retries) and a
 * warning: message subtypes that are not a person writing ({@code bot_message}, {@code message_changed},
 * {@code channel_join}, …) and event types the app does not use. Logs only the type.
 */
final class UnhandledEvents implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(UnhandledEvents.class);

    private final Set<String> handled;

    UnhandledEvents(Set<String> handled) {
        this.handled = handled;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() == RequestType.Event) {
            String type = ((EventRequest) req).getEventTypeAndSubtype();
            if (!handled.contains(type)) {
                LOG.info("Slack event {} acknowledged, not answered", PayloadTypes.printable(type));
                return Response.ok();
            }
        }
        return chain.next(req);
    }
}
