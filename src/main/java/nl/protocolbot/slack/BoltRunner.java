package nl.protocolbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a request through Bolt for both transports (HTTP and Socket Mode) and says in the log what went wrong when
 * something did: a handler that refused the work (503), a Slack Web API that could not be reached (503: Bolt calls
 * {@code auth.test} and {@code bots.info} itself), or a fault of ours (500). Never logs the request.
 */
final class BoltRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BoltRunner.class);

    /** Thrown by a handler that cannot take the work now; Slack should deliver it again later. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused() {
            super("refused", null, false, false);
        }
    }

    private final App app;
    private final String botToken;

    BoltRunner(App app, String botToken) {
        this.app = app;
        this.botToken = botToken;
    }

    Response run(Request<?> request) {
        try {
            start();
            return app.run(request);
        } catch (Refused e) {
            // Bolt acknowledges an event whose handler answers anything but 200, so refusals travel as exceptions
            return unavailable();
        } catch (IOException | SlackApiException e) {
            LOG.warn("Slack request not handled: the Slack Web API could not be reached ({}); 503, Slack will retry",
                    e instanceof SlackApiException s ? "HTTP " + s.getResponse().code() : e.getClass().getSimpleName());
            return unavailable();
        } catch (Exception e) {
            LOG.error("Slack request failed on our side: {}",
                    e.getClass().getSimpleName(), nl.protocolbot.http.Traces.withoutMessages(e));
            return Response.builder().statusCode(500).contentType("text/plain; charset=utf-8")
                    .body("Internal Server Error").build();
        }
    }

    /**
     * Starts Bolt on the first request. Bolt checks the token with {@code auth.test} when it starts and reports
     * any failure, an unreachable API included, as an invalid token; checking first tells the two apart.
     */
    private void start() throws IOException, SlackApiException {
        if (app.status() == App.Status.Running) {
            return;
        }
        synchronized (this) {
            if (app.status() != App.Status.Running) {
                AuthTestResponse auth = app.client().authTest(r -> r.token(botToken));
                if (!auth.isOk()) {
                    LOG.error("Slack refuses the bot token: auth.test {}", Payloads.printable(auth.getError()));
                }
                app.start();
            }
        }
    }

    static Response unavailable() {
        return Response.builder().statusCode(503).contentType("text/plain; charset=utf-8")
                .body("Service Unavailable").build();
    }
}
