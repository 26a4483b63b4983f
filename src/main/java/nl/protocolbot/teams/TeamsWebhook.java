package nl.protocolbot.teams;

import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.crypto.Hmac;
import nl.protocolbot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams outgoing webhook ({@code POST /teams/messages}): verifies the HMAC signature Teams puts in the
 * {@code Authorization} header, takes the question from the activity's text (without the mention), and answers
 * synchronously with an Adaptive Card. It only translates; the answer comes from the shared {@link Answerer}.
 */
public final class TeamsWebhook implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsWebhook.class);

    private final byte[] key;
    private final Supplier<Answerer> answerer;
    private final Semaphore answering;
    private final ArticleLinks links;
    private final Metrics metrics;

    /**
     * @param securityToken the base64 security token Teams shows when the webhook is created
     * @param maxConcurrent answers computed at once; a request that waits more than a second for its turn gets 503
     */
    public TeamsWebhook(String securityToken, Supplier<Answerer> answerer, int maxConcurrent, Metrics metrics) {
        this(securityToken, answerer, maxConcurrent, metrics, ArticleLinks.NONE);
    }

    /** @param links where each article's web page is, to link answers to it */
    public TeamsWebhook(String securityToken, Supplier<Answerer> answerer, int maxConcurrent, Metrics metrics,
                        ArticleLinks links) {
        this.metrics = metrics;
        this.key = Base64.getDecoder().decode(securityToken.strip());
        this.answerer = answerer;
        this.answering = new Semaphore(maxConcurrent);
        this.links = links;
    }

    @Override
    public Reply handle(Call call) throws InterruptedException {
        if (!verified(call.header("Authorization"), call.body())) {
            LOG.info("teams request refused: bad or missing signature");
            return Reply.json(401, "{\"error\":\"unauthorized\"}");
        }
        Optional<Activity> activity = Activity.parse(call.bodyText());
        if (activity.isEmpty()) {
            return Reply.json(400, "{\"error\":\"malformed activity\"}");
        }
        long start = System.nanoTime();
        Answerer a = answerer.get();
        if (a == null) {
            return Reply.json(503, Cards.text(Answer.BUSY_MESSAGE).toString());
        }
        if (!answering.tryAcquire(1, TimeUnit.SECONDS)) {
            metrics.shed(Metrics.Platform.TEAMS_WEBHOOK, Metrics.Shed.REFUSED);
            LOG.warn("teams message shed: too many answers at once");
            return Reply.json(503, Cards.text(Answer.BUSY_MESSAGE).toString());
        }
        Cards.Built reply;
        try {
            reply = Cards.respond(a, activity.get().question(), EnumSet.noneOf(Cards.Option.class), links);
        } finally {
            answering.release();
        }
        reply.status().ifPresent(s -> metrics.answered(Metrics.Platform.TEAMS_WEBHOOK, s,
                Duration.ofNanos(System.nanoTime() - start)));
        LOG.info("teams webhook {} answered in {} ms: {}", reply.kind(), (System.nanoTime() - start) / 1_000_000,
                reply.articleIds());
        return Reply.json(200, reply.message().toString());
    }

    /** {@code Authorization: HMAC <base64 HMAC-SHA256 of the raw body>}, compared in constant time. */
    boolean verified(String authorization, byte[] body) {
        if (authorization == null || !authorization.startsWith("HMAC ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(5).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Hmac.same(Hmac.sha256(key, body), given);
    }
}
