package nl.protocolbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import com.slack.api.model.view.View;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.ArticleLinks;
import nl.protocolbot.answer.Command;
import nl.protocolbot.feedback.Claims;
import nl.protocolbot.feedback.Vote;
import nl.protocolbot.feedback.Votes;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack front end, on Bolt for Java: @mentions (answered in the thread), direct messages, {@code /protocol}
 * (ephemeral, with "Deel in kanaal"), 👍/👎 feedback and App Home. It only translates between Slack and the shared
 * {@link Answerer}. Logs event types, timings and article IDs; never text, user IDs or tokens.
 */
public final class SlackBot {
    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);

    /**
     * @param botToken      {@code xoxb-…}
     * @param signingSecret for HTTP mode (request verification); null in Socket Mode
     * @param apiUrl        the Slack Web API base URL, e.g. {@code https://slack.com/api/}
     */
    public record Config(String botToken, String signingSecret, String apiUrl, ArticleLinks links) {
        public Config {
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(links, "links");
        }

        /** A bot whose answers do not link to the web page. */
        public Config(String botToken, String signingSecret, String apiUrl) {
            this(botToken, signingSecret, apiUrl, ArticleLinks.NONE);
        }

        @Override
        public String toString() {
            return "Config[botToken=***, signingSecret=***, apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * What Slack work was shed or lost, for {@code bench}, the logs and monitoring. Thread-safe; one per server.
     */
    public static final class Counters {
        final AtomicLong shed = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong lost = new AtomicLong();

        /** Events answered with the busy notice instead of an answer. */
        public long shed() {
            return shed.get();
        }

        /** Events not acknowledged (HTTP 503, Socket Mode envelope left unacknowledged) for Slack to retry. */
        public long refused() {
            return refused.get();
        }

        /** Posts to Slack given up after their retries: a reply that never arrived. */
        public long lost() {
            return lost.get();
        }
    }

    private final Config config;
    private final Supplier<Answerer> answerer;
    private final Executor workers;
    private final Executor notices;
    private final SeenKeys seen;
    private final Counters counters;
    private final Metrics metrics;
    private final Poster poster;
    private final Clock clock;
    private final App app;
    private final BoltRunner bolt;

    /**
     * @param answerer the current answerer (it may be swapped when the corpus changes)
     * @param workers  where answers are computed and posted, after Slack has been acknowledged; bounded
     * @param notices  where "het is even druk" is posted when {@code workers} refuses work
     */
    public SlackBot(Config config, Supplier<Answerer> answerer, Claims claims, Votes votes, Executor workers,
                    Executor notices, Clock clock, Counters counters, Metrics metrics) {
        this.counters = counters;
        this.metrics = metrics;
        this.config = config;
        this.answerer = answerer;
        this.workers = workers;
        this.notices = notices;
        this.seen = new SeenKeys(claims, votes, config.botToken());
        this.poster = new Poster(counters.lost, metrics);
        this.clock = clock;
        this.app = boltApp(config);
        this.bolt = new BoltRunner(app, config.botToken());
        register();
    }

    private static App boltApp(Config config) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl().endsWith("/") ? config.apiUrl() : config.apiUrl() + "/");
        slackConfig.setStatsEnabled(false);
        // every Web API call ends within 10 s, so that a post and its retries stay within Poster's 30 s
        slackConfig.setHttpClientCallTimeoutMillis(10_000);
        AppConfig.AppConfigBuilder b = AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(config.botToken())
                .allEventsApiAutoAckEnabled(true);
        if (config.signingSecret() != null) {
            b.signingSecret(config.signingSecret());
        }
        return new App(b.build());
    }

    /** The Bolt app (for Socket Mode and tests). */
    public App app() {
        return app;
    }

    /** The HTTP endpoint for Slack's Events API, slash commands and interactivity ({@code POST /slack/events}). */
    public HttpEndpoint httpHandler() {
        if (config.signingSecret() == null) {
            throw new IllegalStateException("HTTP mode needs a signing secret");
        }
        return new SlackHttpHandler(bolt, app.config(), config.signingSecret(), clock, seen);
    }

    /** Connects in Socket Mode with an app-level token ({@code xapp-…}); reconnects by itself. */
    public SocketModeApp startSocketMode(String appToken) throws Exception {
        Slack slack = app.slack();
        boolean autoReconnect = true;
        boolean sessionMonitor = true;
        SocketModeClient client = new SocketModeClientTyrusImpl(slack, appToken,
                slack.methods(appToken).appsConnectionsOpen(r -> r).getUrl(),
                SocketModeClient.DEFAULT_MESSAGE_PROCESSOR_CONCURRENCY, new SocketEnvelopes.Checked(), autoReconnect,
                sessionMonitor, SocketModeClient.DEFAULT_SESSION_MONITOR_INTERVAL_MILLISECONDS);
        client.addWebSocketMessageListener(new SocketEnvelopes.Listener(client, app, bolt));
        SocketModeApp socket = new SocketModeApp(client, app);
        socket.startAsync();
        LOG.info("Slack Socket Mode connected");
        return socket;
    }

    private void register() {
        registerEvents();
        app.command("/protocol", this::slashCommand);
        // Button clicks are acknowledged at once (Slack allows 3 s); the reply through response_url follows.
        app.blockAction(Replies.ACTION_SHARE, this::share);
        app.blockAction(Replies.ACTION_VOTE_UP, (req, ctx) -> vote(req, ctx, Vote.UP));
        app.blockAction(Replies.ACTION_VOTE_DOWN, (req, ctx) -> vote(req, ctx, Vote.DOWN));
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) || e.getTab() == null) {
                String user = e.getUser();
                try {
                    workers.execute(() -> publishHome(ctx, user));
                } catch (RejectedExecutionException busy) {
                    LOG.warn("app home not published: answer queue full");
                }
            }
            return ctx.ack();
        });
    }

    private void registerEvents() {
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() != null || e.getUser() == null) {
                LOG.info("app_mention by a bot, not answered");
                return ctx.ack();
            }
            if (e.getEdited() != null) {
                // an edited mention arrives again as a new app_mention; the person had their answer already
                LOG.info("app_mention edited, not answered again");
                return ctx.ack();
            }
            String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
            return answer(ctx, new Question("app_mention", payload.getEventId(), e.getChannel(), e.getTs(), thread,
                    SlackText.clean(e.getText())));
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    e.getBotId(), SlackText.clean(e.getText()), e.getTs(), e.getThreadTs()));
        });
        // A person writing with a photo or file attached, and a thread reply also sent to the conversation, arrive
        // as message subtypes with the text of the message: answered like any direct message.
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            MessageFileShareEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    null, SlackText.clean(e.getText()), e.getTs(), e.getThreadTs()));
        });
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            MessageThreadBroadcastEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    null, SlackText.clean(e.getText()), e.getTs(), e.getThreadTs()));
        });
        // Every other event and message subtype (bot_message, message_changed, message_deleted, channel_join, …) is
        // not a person asking: Bolt acknowledges it with 200 (allEventsApiAutoAckEnabled), so that Slack does not
        // retry, and it is never answered.
    }

    /** {@code /protocol}: help, an article by ID, or an answer only the asker sees, with "Deel in kanaal". */
    private com.slack.api.bolt.response.Response slashCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        long start = System.nanoTime();
        String text = SlackText.clean(req.getPayload().getText());
        Replies.Message reply;
        Command command = Command.parse(text);
        if (command.kind() != Command.Kind.ASK) {
            reply = commandReply(command, Replies.usage(answerer.get().exampleId()));
        } else {
            Answer answer = answer(text);
            reply = Replies.answer(answer, Replies.Buttons.VOTES_AND_SHARE, config.links());
            metrics.answered(Metrics.Platform.SLACK, answer.status(), Duration.ofNanos(System.nanoTime() - start));
            LOG.info("slash command answered in {} ms: {}", millis(start), ids(answer));
        }
        Replies.Message r = reply;
        return ctx.ack(a -> a.responseType("ephemeral").text(r.text()).blocks(r.blocks()));
    }

    /** The reply to {@code help} ({@code helpText}) or {@code toon ID} (the article, or which IDs exist). */
    private Replies.Message commandReply(Command command, String helpText) {
        if (command.kind() == Command.Kind.HELP) {
            return Replies.plain(helpText);
        }
        String id = command.argument();
        return answerer.get().show(id).map(item -> Replies.article(item, config.links())).orElse(Replies.plain(
                "Onbekend artikel `" + Replies.escape(id) + "`. Gebruik een ID zoals `" + answerer.get().exampleId()
                        + "`."));
    }

    /** "Deel in kanaal": the articles the button carries, for everyone in the channel. */
    private com.slack.api.bolt.response.Response share(BlockActionRequest req, ActionContext ctx) {
        Answerer a = answerer.get();
        List<Answer.Item> items = articleIds(value(req)).stream().map(a::show).flatMap(Optional::stream).toList();
        if (items.isEmpty()) {
            respondLater("share", ctx, r -> r.responseType("ephemeral").replaceOriginal(false)
                    .text(Replies.NOT_SHAREABLE));
            return ctx.ack();
        }
        Replies.Message reply = Replies.answer(new Answer("", Answer.Status.ANSWERED, items), Replies.Buttons.VOTES,
                config.links());
        if (!respondLater("share", ctx, r -> r.responseType("in_channel").deleteOriginal(true).text(reply.text())
                .blocks(reply.blocks()))) {
            return com.slack.api.bolt.response.Response.error(503);
        }
        LOG.info("answer shared in channel: {}", items.stream().map(Answer.Item::id).toList());
        return ctx.ack();
    }

    /**
     * Counts a vote, durably, before Slack is acknowledged; one vote per person per answer, so that a second
     * click (on a slow day) does not count twice. The thanks follow through response_url.
     */
    private com.slack.api.bolt.response.Response vote(BlockActionRequest req, ActionContext ctx,
            Vote vote) {
        String value = value(req);
        List<String> ids = articleIds(value);
        Voter voter = voter(req);
        try {
            // only a 👎 carries the question, and the store keeps it only when the operator turned that on
            if (!seen.voteOnce(voter.user(), voter.channel(), voter.message(), ids, vote, Replies.questionOf(value))) {
                LOG.info("vote {} already counted for this answer", vote);
                return ctx.ack();
            }
            metrics.voted(Metrics.Platform.SLACK, vote == Vote.UP ? Metrics.Vote.UP : Metrics.Vote.DOWN);
        } catch (java.sql.SQLException e) {
            LOG.error("vote could not be stored: {}", e.getClass().getSimpleName());
            return com.slack.api.bolt.response.Response.error(500);
        }
        LOG.info("vote {} recorded for {}", vote, ids);
        respondLater("thanks", ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(Replies.THANKS));
        return ctx.ack();
    }

    /** Who voted on which message: only used (hashed) to count one vote per person per answer. */
    private record Voter(String user, String channel, String message) {
    }

    private static Voter voter(BlockActionRequest req) {
        var p = req.getPayload();
        return new Voter(p.getUser() == null ? null : p.getUser().getId(),
                p.getChannel() == null ? null : p.getChannel().getId(),
                p.getContainer() == null ? null : p.getContainer().getMessageTs());
    }

    /** Sends a reply to response_url after the click is acknowledged; false when it cannot even be queued. */
    private boolean respondLater(String what, ActionContext ctx,
            com.slack.api.bolt.util.BuilderConfigurator<ActionResponse.ActionResponseBuilder> reply) {
        try {
            notices.execute(() -> poster.send("response_url (" + what + ")", Poster.webhook(() -> ctx.respond(reply))));
            return true;
        } catch (RejectedExecutionException busy) {
            LOG.warn("response_url ({}) not sent: queue full", what);
            return false;
        }
    }

    /** The IDs a button carries that name an article of the corpus being served. */
    private List<String> articleIds(String value) {
        Answerer a = answerer.get();
        return Arrays.stream(Replies.idsOf(value).split(",")).map(String::strip)
                .filter(id -> a.corpus().article(id).isPresent()).toList();
    }

    private static String value(BlockActionRequest req) {
        var actions = req.getPayload().getActions();
        return actions == null || actions.isEmpty() || actions.get(0).getValue() == null
                ? "" : actions.get(0).getValue();
    }

    /** A message a person may have written to the bot. */
    private record Written(String channelType, String channel, String user, String botId, String text, String ts,
                           String thread) {
    }

    /** A question to answer: where it came from, where the answer goes, and the text as Slack sent it. */
    private record Question(String kind, String eventId, String channel, String ts, String thread, String text) {
    }

    private com.slack.api.bolt.response.Response direct(EventContext ctx, String eventId, Written m) {
        if (!"im".equals(m.channelType())) {
            return ctx.ack();
        }
        if (m.botId() != null || m.user() == null || m.user().equals(ctx.getBotUserId())) {
            LOG.info("message.im by a bot, not answered");
            return ctx.ack();
        }
        return answer(ctx, new Question("message.im", eventId, m.channel(), m.ts(), m.thread(), m.text()));
    }

    /**
     * Answers a question once: a repeat of the event, or of the message under another event ID, is not answered.
     * Every event acknowledged gets one post, the answer or the busy notice; when not even the notice can be queued
     * the event is not acknowledged (503, or no Socket Mode ack), so that Slack delivers it again later.
     */
    private com.slack.api.bolt.response.Response answer(EventContext ctx, Question q) {
        if (!seen.claimEvent(q.eventId(), q.channel(), q.ts())) {
            LOG.info("{} repeated (retry {}), not answered again", q.kind(), ctx.getRetryNum());
            return ctx.ack();
        }
        if (!answerLater(ctx, q)) {
            seen.releaseEvent(q.eventId(), q.channel(), q.ts());
            counters.refused.incrementAndGet();
            metrics.shed(Metrics.Platform.SLACK, Metrics.Shed.REFUSED);
            LOG.warn("{} refused: answer and notice queues full; not acknowledged, Slack will retry", q.kind());
            throw new BoltRunner.Refused();
        }
        return ctx.ack();
    }

    /** Queues the answer, or when that is full the busy notice; false when neither could be queued. */
    private boolean answerLater(EventContext ctx, Question q) {
        long received = System.nanoTime();
        try {
            workers.execute(() -> {
                // a message is read as the console and Teams read it: "help" and "toon ID" are commands
                Command command = Command.parse(q.text());
                if (command.kind() != Command.Kind.ASK) {
                    Replies.Message reply = commandReply(command, Replies.help(answerer.get().exampleId()));
                    if (post(ctx, q.channel(), q.thread(), reply)) {
                        LOG.info("{} {} answered in {} ms", q.kind(), command.kind().name().toLowerCase(
                                java.util.Locale.ROOT), millis(received));
                    }
                    return;
                }
                Answer answer = answer(q.text());
                if (post(ctx, q.channel(), q.thread(), Replies.answer(answer, Replies.Buttons.VOTES, config.links()))) {
                    metrics.answered(Metrics.Platform.SLACK, answer.status(),
                            Duration.ofNanos(System.nanoTime() - received));
                    LOG.info("{} answered in {} ms: {}", q.kind(), millis(received), ids(answer));
                }
            });
            return true;
        } catch (RejectedExecutionException busy) {
            try {
                notices.execute(() -> post(ctx, q.channel(), q.thread(), Replies.plain(Replies.BUSY)));
            } catch (RejectedExecutionException alsoBusy) {
                return false;
            }
            counters.shed.incrementAndGet();
            metrics.shed(Metrics.Platform.SLACK, Metrics.Shed.BUSY_NOTICE);
            LOG.warn("{} shed: answer queue full, busy notice queued", q.kind());
            return true;
        }
    }

    private Answer answer(String text) {
        return answerer.get().ask(text);
    }

    /** Posts a reply, retried as {@link Poster} says; true when Slack took it. */
    private boolean post(EventContext ctx, String channel, String thread, Replies.Message reply) {
        return poster.send("chat.postMessage", Poster.api(() -> ctx.client().chatPostMessage(m -> m.channel(channel)
                .threadTs(thread).text(reply.text()).blocks(reply.blocks()).unfurlLinks(false).unfurlMedia(false))));
    }

    private void publishHome(EventContext ctx, String user) {
        Answerer a = answerer.get();
        if (poster.send("views.publish", Poster.api(() -> ctx.client().viewsPublish(v -> v.userId(user)
                .view(View.builder().type("home").blocks(Replies.home(a.corpus(), a.coreRules())).build()))))) {
            LOG.info("app home published");
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static List<String> ids(Answer answer) {
        return answer.items().stream().map(Answer.Item::id).toList();
    }
}
