package nl.protocolbot.teams;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.corpus.Article;
import nl.protocolbot.feedback.Claims;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.crypto.Hmac;
import nl.protocolbot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams as a Bot Framework bot ({@code POST /api/messages}): personal chats, group chats and channels
 * (when @mentioned, as a reply to that message), a welcome card on install, and 👍/👎 on every answer. Every request
 * must carry the Bot Connector's token ({@link BotAuthenticator}); it is acknowledged at once and answered from the
 * worker pool through the {@link Connector}. Activities are de-duplicated in the durable store, so that the
 * connector's retries are answered once. It only translates; answers come from the shared {@link Answerer}.
 *
 * <p>Logs activity kinds, timings and article IDs; never text, user or conversation IDs, or tokens.
 */
public final class TeamsBot implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsBot.class);
    /** How long an activity ID is remembered: the connector retries within minutes. */
    static final Duration SEEN = Duration.ofMinutes(15);
    /** How long a vote on a card is remembered, so that a second click does not count again. */
    static final Duration VOTED = Duration.ofDays(90);
    /** Teams sends both {@code installationUpdate} and {@code conversationUpdate} on install: one welcome. */
    static final Duration WELCOMED = Duration.ofMinutes(10);

    /**
     * The Azure Bot registration.
     *
     * @param appId       the bot's Microsoft App ID (the token audience, and the client ID for its own token)
     * @param appPassword its client secret
     * @param openIdUrl   the Bot Connector's OpenID metadata (its signing keys)
     * @param tokenUrl    the Entra ID token endpoint of the bot's tenant
     */
    public record Config(String appId, String appPassword, URI openIdUrl, URI tokenUrl, ArticleLinks links) {
        public Config {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(appPassword, "appPassword");
            Objects.requireNonNull(openIdUrl, "openIdUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(links, "links");
        }

        /** A registration whose answers do not link to the web page. */
        public Config(String appId, String appPassword, URI openIdUrl, URI tokenUrl) {
            this(appId, appPassword, openIdUrl, tokenUrl, ArticleLinks.NONE);
        }

        @Override
        public String toString() {
            return "Config[appId=" + appId + ", appPassword=***, openIdUrl=" + openIdUrl + ", tokenUrl=" + tokenUrl + "]";
        }
    }

    private enum Kind {
        QUESTION, VOTE, WELCOME, NONE
    }

    /** Where {@link #submit} put the work: the workers, the busy-notice pool, or nowhere (503). */
    private enum Queued {
        WORKERS, NOTICES, REFUSED
    }

    private final Supplier<Answerer> answerer;
    private final ArticleLinks links;
    private final Claims claims;
    private final Votes votes;
    private final Executor workers;
    private final Executor notices;
    private final BotAuthenticator authenticator;
    private final Connector connector;
    private final Metrics metrics;
    private final byte[] keySecret;
    private final List<String> examples = Welcome.examples().stream().map(Welcome.Example::question).toList();

    /**
     * @param answerer the current answerer (it may be swapped when the corpus changes; null while loading)
     * @param workers  where answers are computed and posted, after the connector has been acknowledged; bounded
     * @param notices  where "het is even druk" is posted when {@code workers} refuses work
     * @param metrics  where answers, votes, shed questions and retried or lost replies are counted
     */
    public TeamsBot(Config config, Supplier<Answerer> answerer, Claims claims, Votes votes, Executor workers,
                    Executor notices, Clock clock, Metrics metrics) {
        this(config, answerer, claims, votes, workers, notices, clock, metrics, RetryPolicy.DEFAULT);
    }

    TeamsBot(Config config, Supplier<Answerer> answerer, Claims claims, Votes votes, Executor workers, Executor notices,
             Clock clock, Metrics metrics, RetryPolicy retries) {
        this.answerer = answerer;
        this.metrics = metrics;
        this.links = config.links();
        this.claims = claims;
        this.votes = votes;
        this.workers = workers;
        this.notices = notices;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.authenticator = new BotAuthenticator(config.appId(), new SigningKeys(config.openIdUrl(), http, clock));
        this.connector = new Connector(new TokenClient(config.tokenUrl(), config.appId(), config.appPassword(), http,
                clock), http, retries, d -> Thread.sleep(d.toMillis()), metrics);
        // the store's keys are keyed hashes, so that it holds no conversation or user IDs
        this.keySecret = ("protocolbot-teams-keys:" + config.appPassword()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Handles one request: 401 unless the Bot Connector signed it for this bot, else 202 at once, with the reply
     * posted later from the worker pool; 503 when even the busy notice cannot be queued (the connector retries).
     */
    @Override
    public Reply handle(Call call) {
        String authorization = call.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            LOG.info("teams bot request refused: no token");
            return Reply.json(401, "{\"error\":\"unauthorized\"}");
        }
        Optional<Activity> parsed = Activity.parse(call.bodyText());
        if (parsed.isEmpty()) {
            return Reply.json(400, "{\"error\":\"malformed activity\"}");
        }
        Activity a = parsed.get();
        try {
            authenticator.verify(authorization, a.channelId(), a.serviceUrl());
        } catch (BotAuthenticator.Refused e) {
            LOG.info("teams bot request refused: {}", e.getMessage());
            return Reply.json(401, "{\"error\":\"unauthorized\"}");
        } catch (SigningKeys.Unavailable e) {
            LOG.warn("teams bot request not checked: the Bot Connector's signing keys are unavailable");
            return Reply.json(503, "{\"error\":\"unavailable\"}");
        }
        try {
            return dispatch(a);
        } catch (SQLException e) {
            LOG.error("teams activity not handled: store failed ({})", e.getClass().getSimpleName());
            return Reply.json(503, "{\"error\":\"unavailable\"}");
        }
    }

    private static Kind kind(Activity a) {
        return switch (a.type()) {
            case "message" -> a.value().filter(v -> Cards.VOTE.equals(Activity.string(v, Cards.DATA_KEY))).isPresent()
                    ? Kind.VOTE : a.personal() || a.mentionsBot() ? Kind.QUESTION : Kind.NONE;
            case "installationUpdate" -> a.personal() && "add".equals(a.action()) ? Kind.WELCOME : Kind.NONE;
            case "conversationUpdate" -> a.personal() && a.membersAdded().contains(a.recipient().id())
                    ? Kind.WELCOME : Kind.NONE;
            default -> Kind.NONE;
        };
    }

    private Reply dispatch(Activity a) throws SQLException {
        Kind kind = kind(a);
        if (kind == Kind.NONE) {
            return accepted();
        }
        String seen = "teams:activity:" + keyed(a.conversationId(), a.id());
        if (!claims.claim(seen, SEEN)) {
            LOG.info("teams {} repeated, not handled again", a.type());
            return accepted();
        }
        return switch (kind) {
            case QUESTION -> question(a, seen);
            case VOTE -> vote(a, seen);
            case WELCOME -> welcome(a, seen);
            case NONE -> accepted();
        };
    }

    private Reply vote(Activity a, String seen) throws SQLException {
        JsonObject value = a.value().orElseThrow();
        String direction = Activity.string(value, "vote");
        List<String> ids = knownArticles(Activity.string(value, "ids"));
        if (ids.isEmpty() || !(direction.equals("up") || direction.equals("down"))) {
            LOG.info("teams vote ignored: no known articles or no direction");
            return accepted();
        }
        // one vote per person per answer card: the key is a keyed hash, so no user ID is stored
        String card = a.replyToId().isEmpty() ? a.id() : a.replyToId();
        String voted = "teams:vote:" + keyed(a.conversationId(), card, a.from().id());
        boolean first;
        try {
            // the store keeps a 👎's question (blank or not, it decides) only when the operator turned that on
            first = votes.voteOnce(voted, VOTED, ids,
                    direction.equals("up") ? Vote.UP : Vote.DOWN,
                    Optional.of(Activity.string(value, "question")));
        } catch (SQLException e) {
            claims.release(seen);
            throw e;
        }
        if (first) {
            metrics.voted(Metrics.Platform.TEAMS_BOT, direction.equals("up") ? Metrics.Vote.UP : Metrics.Vote.DOWN);
            LOG.info("teams vote {} recorded for {}", direction, ids);
        } else {
            LOG.info("teams vote on the same card again, not counted");
        }
        JsonObject thanks = Cards.text(first ? Cards.THANKS : Cards.ALREADY_VOTED);
        return reply(submit(List.of(seen), () -> post(a, thanks), () -> post(a, thanks)));
    }

    /** The IDs in a vote's data that are articles of the current corpus (the data comes from the client). */
    private List<String> knownArticles(String ids) {
        Answerer current = answerer.get();
        if (current == null) {
            return List.of();
        }
        return Arrays.stream(ids.split(",")).map(String::strip)
                .filter(id -> current.corpus().article(id).isPresent()).toList();
    }

    private Reply welcome(Activity a, String seen) throws SQLException {
        String welcomed = "teams:welcome:" + keyed(a.conversationId());
        if (!claims.claim(welcomed, WELCOMED)) {
            return accepted();
        }
        Runnable send = () -> {
            Answerer current = answerer.get();
            if (current == null) {
                LOG.warn("teams welcome not sent: the index is not ready yet");
            } else if (post(a, Cards.welcome(current.corpus(), coreRules(current), examples))) {
                LOG.info("teams welcome sent");
            }
        };
        return reply(submit(List.of(seen, welcomed), send, send));
    }

    /** The core rules, only those of the configured protocol when there is one. */
    private static List<Article> coreRules(Answerer a) {
        return a.coreRules();
    }

    /** Queues the answer, or the busy notice; only questions count as shed (a vote or welcome is sent anyway). */
    private Reply question(Activity a, String seen) throws SQLException {
        long received = System.nanoTime();
        Queued queued = submit(List.of(seen), () -> answer(a, received),
                () -> post(a, Cards.text(Answer.BUSY_MESSAGE)));
        switch (queued) {
            case NOTICES -> metrics.shed(Metrics.Platform.TEAMS_BOT, Metrics.Shed.BUSY_NOTICE);
            case REFUSED -> metrics.shed(Metrics.Platform.TEAMS_BOT, Metrics.Shed.REFUSED);
            case WORKERS -> { }
        }
        return reply(queued);
    }

    private void answer(Activity a, long received) {
        Answerer current = answerer.get();
        if (current == null) {
            post(a, Cards.text(Answer.BUSY_MESSAGE));
            return;
        }
        Cards.Built reply = Cards.respond(current, a.question(), EnumSet.of(Cards.Option.VOTES), links);
        if (post(a, reply.message())) {
            Duration latency = Duration.ofNanos(System.nanoTime() - received);
            reply.status().ifPresent(s -> metrics.answered(Metrics.Platform.TEAMS_BOT, s, latency));
            LOG.info("teams {} {} answered in {} ms: {}", a.conversationType(), reply.kind(), latency.toMillis(),
                    reply.articleIds());
        }
    }

    /**
     * Runs {@code work} on the worker pool, or {@code whenBusy} on the notice pool when the workers are full. When
     * neither takes it, the claims are given back (so that the connector's retry is handled) and {@link Queued#REFUSED}
     * tells the caller to answer 503.
     */
    private Queued submit(List<String> claims, Runnable work, Runnable whenBusy) throws SQLException {
        try {
            workers.execute(guarded(work));
            return Queued.WORKERS;
        } catch (RejectedExecutionException busy) {
            LOG.warn("teams activity shed: worker queue full");
        }
        try {
            notices.execute(guarded(whenBusy));
            return Queued.NOTICES;
        } catch (RejectedExecutionException alsoBusy) {
            LOG.warn("teams activity refused with 503: notice queue full too");
            for (String claim : claims) {
                this.claims.release(claim);
            }
            return Queued.REFUSED;
        }
    }

    /** 202 when the work was queued somewhere, else 503 so that the connector retries. */
    private static Reply reply(Queued queued) {
        return queued == Queued.REFUSED ? Reply.json(503, "{\"error\":\"busy\"}") : accepted();
    }

    /** Work that logs its failure (by kind only) instead of dying with a stack trace in the pool. */
    private static Runnable guarded(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("teams reply failed: {}", e.getClass().getSimpleName(),
                        nl.protocolbot.http.Traces.withoutMessages(e));
            }
        };
    }

    private boolean post(Activity to, JsonObject message) {
        try {
            return connector.reply(to, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** 202 Accepted, no body: the reply follows through the connector. */
    private static Reply accepted() {
        return new Reply(202, List.of(), new byte[0]);
    }

    /** A keyed hash (HMAC-SHA256) of the parts, so that stored keys reveal no conversation or user. */
    private String keyed(String... parts) {
        return HexFormat.of().formatHex(Hmac.sha256(keySecret, String.join("\n", parts).getBytes(StandardCharsets.UTF_8)));
    }
}
