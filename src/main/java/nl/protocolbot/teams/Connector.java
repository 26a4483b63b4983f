package nl.protocolbot.teams;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import nl.protocolbot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the bot's messages to the Bot Connector as replies:
 * {@code POST {serviceUrl}/v3/conversations/{conversation.id}/activities/{activity.id}}, with the bot's bearer token,
 * retried by the {@link RetryPolicy}. Its only input is an activity whose request was verified, so the token goes
 * only to a {@code serviceUrl} that Microsoft signed for.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TokenClient tokens;
    private final HttpClient http;
    private final RetryPolicy policy;
    private final RetryPolicy.Sleeper sleeper;
    private final Metrics metrics;

    Connector(TokenClient tokens, HttpClient http, RetryPolicy policy, RetryPolicy.Sleeper sleeper, Metrics metrics) {
        this.tokens = tokens;
        this.http = http;
        this.policy = policy;
        this.metrics = metrics;
        // a completed wait is always followed by another try: counting here reports each retry as it starts
        this.sleeper = d -> {
            sleeper.sleep(d);
            metrics.retried(Metrics.Platform.TEAMS_BOT);
        };
    }

    /**
     * Sends {@code message} (type, text, attachments) as a reply to {@code to}, a verified activity.
     *
     * @return whether the connector accepted it
     */
    boolean reply(Activity to, JsonObject message) throws InterruptedException {
        Optional<URI> base = Urls.secure(to.serviceUrl());
        if (base.isEmpty() || to.conversationId().isEmpty() || to.id().isEmpty()) {
            LOG.warn("teams reply not sent: the activity has no usable serviceUrl, conversation or id");
            metrics.lost(Metrics.Platform.TEAMS_BOT);
            return false;
        }
        URI uri = URI.create(Urls.base(to.serviceUrl()) + "/v3/conversations/" + Urls.segment(to.conversationId())
                + "/activities/" + Urls.segment(to.id()));
        String body = addressed(to, message).toString();
        RetryPolicy.Outcome outcome;
        try {
            outcome = policy.run(() -> post(uri, body), sleeper);
        } catch (InterruptedException e) {
            metrics.lost(Metrics.Platform.TEAMS_BOT); // stopped mid-retry: this reply never arrives
            throw e;
        }
        if (!outcome.ok()) {
            metrics.lost(Metrics.Platform.TEAMS_BOT);
            LOG.warn("teams reply lost after {} attempt(s): {}", outcome.attempts(),
                    outcome.last().status() == 0 ? "connector unreachable" : "HTTP " + outcome.last().status());
        } else if (outcome.attempts() > 1) {
            LOG.info("teams reply sent after {} attempts", outcome.attempts());
        }
        return outcome.ok();
    }

    /** One try; a refused token is renewed and the post tried once more within the same attempt. */
    private RetryPolicy.Result post(URI uri, String body) throws IOException, InterruptedException {
        String token = tokens.token();
        HttpResponse<Void> r = send(uri, token, body);
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            tokens.refused(token);
            r = send(uri, tokens.token(), body);
        }
        return new RetryPolicy.Result(r.statusCode(), RetryPolicy.parseRetryAfter(r.headers().firstValue("Retry-After")));
    }

    private HttpResponse<Void> send(URI uri, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The reply's addressing, as the Bot Framework SDKs set it: from the bot, to the sender, in the conversation. */
    private static JsonObject addressed(Activity to, JsonObject message) {
        JsonObject m = message.deepCopy();
        m.add("from", party(to.recipient()));
        m.add("recipient", party(to.from()));
        JsonObject conversation = new JsonObject();
        conversation.addProperty("id", to.conversationId());
        m.add("conversation", conversation);
        m.addProperty("replyToId", to.id());
        return m;
    }

    private static JsonObject party(Activity.Party p) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.id());
        if (!p.name().isEmpty()) {
            o.addProperty("name", p.name());
        }
        return o;
    }
}
