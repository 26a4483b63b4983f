package nl.protocolbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import nl.protocolbot.answer.Command;
import nl.protocolbot.feedback.FeedbackStore;
import nl.protocolbot.server.HttpEndpoint;
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
    public record Config(String botToken, String signingSecret, String apiUrl) {
        public Config {
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(apiUrl, "apiUrl");
        }

        @Override
        public String toString() {
            return "Config[botToken=***, signingSecret=***, apiUrl=" + apiUrl + "]";
        }
    }

    /** The events (type, or type:subtype as Bolt names them) that have a handler below. */
    private static final java.util.Set<String> HANDLED_EVENTS = java.util.Set.of("app_mention", "message",
            "message:file_share", "message:thread_broadcast", "app_home_opened");

    private final Config config;
    private final Supplier<Answerer> answerer;
    private final FeedbackStore feedback;
    private final Executor workers;
    private final Executor notices;
    private final SeenKeys seen;
    private final Clock clock;
    private final App app;

    /**
     * @param answerer the current answerer (it may be swapped when the corpus changes)
     * @param workers  where answers are computed and posted, after Slack has been acknowledged; bounded
     * @param notices  where "het is even druk" is posted when {@code workers} refuses work
     */
    public SlackBot(Config config, Supplier<Answerer> answerer, FeedbackStore feedback, Executor workers,
                    Executor notices, Clock clock) {
        this.config = config;
        this.answerer = answerer;
        this.feedback = feedback;
        this.workers = workers;
        this.notices = notices;
        this.seen = new SeenKeys(feedback);
        this.clock = clock;
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.apiUrl().endsWith("/") ? config.apiUrl() : config.apiUrl() + "/");
        slackConfig.setStatsEnabled(false);
        AppConfig.AppConfigBuilder b = AppConfig.builder()
                .slack(Slack.getInstance(slackConfig))
                .singleTeamBotToken(config.botToken());
        if (config.signingSecret() != null) {
            b.signingSecret(config.signingSecret());
        }
        this.app = new App(b.build());
        register();
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
        return new SlackHttpHandler(app, config.signingSecret(), clock, seen);
    }

    /** Connects in Socket Mode with an app-level token ({@code xapp-…}); reconnects by itself. */
    public SocketModeApp startSocketMode(String appToken) throws Exception {
        SocketModeApp socket = new SocketModeApp(appToken, app);
        socket.startAsync();
        LOG.info("Slack Socket Mode connected");
        return socket;
    }

    private void register() {
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
                    e.getText()));
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    e.getBotId(), e.getText(), e.getTs(), e.getThreadTs()));
        });
        // A person writing with a photo or file attached, and a thread reply also sent to the conversation, arrive
        // as message subtypes with the text of the message: answered like any direct message.
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            MessageFileShareEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    null, e.getText(), e.getTs(), e.getThreadTs()));
        });
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            MessageThreadBroadcastEvent e = payload.getEvent();
            return direct(ctx, payload.getEventId(), new Written(e.getChannelType(), e.getChannel(), e.getUser(),
                    null, e.getText(), e.getTs(), e.getThreadTs()));
        });
        // Every other event and message subtype (bot_message, message_changed, message_deleted, channel_join, …) is
        // not a person asking: acknowledged with 200 so that Slack does not retry, and never answered.
        app.use(new UnhandledEvents(HANDLED_EVENTS));

        app.command("/protocol", (req, ctx) -> {
            long start = System.nanoTime();
            String text = req.getPayload().getText() == null ? "" : req.getPayload().getText().strip();
            Replies.Message reply;
            Command command = Command.parse(text);
            if (command.kind() == Command.Kind.HELP) {
                reply = Replies.plain(Replies.USAGE);
            } else if (command.kind() == Command.Kind.SHOW) {
                String id = command.argument();
                reply = answerer.get().show(id).map(Replies::article).orElse(Replies.plain(
                        "Onbekend artikel `" + Replies.escape(id) + "`. Gebruik een ID zoals `aurora/3.5`."));
            } else {
                Answer answer = answer(text);
                reply = Replies.answer(answer, true);
                LOG.info("slash command answered in {} ms: {}", millis(start), ids(answer));
            }
            Replies.Message r = reply;
            return ctx.ack(a -> a.responseType("ephemeral").text(r.text()).blocks(r.blocks()));
        });

        app.blockAction(Replies.ACTION_SHARE, (req, ctx) -> {
            String question = value(req);
            Answer answer = answer(question);
            Replies.Message reply = Replies.answer(answer, false);
            ctx.respond(r -> r.responseType("in_channel").deleteOriginal(true).text(reply.text())
                    .blocks(reply.blocks()));
            LOG.info("answer shared in channel: {}", ids(answer));
            return ctx.ack();
        });
        app.blockAction(Replies.ACTION_VOTE_UP, (req, ctx) -> vote(req, ctx, true));
        app.blockAction(Replies.ACTION_VOTE_DOWN, (req, ctx) -> vote(req, ctx, false));

        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) || e.getTab() == null) {
                String user = e.getUser();
                workers.execute(() -> publishHome(ctx, user));
            }
            return ctx.ack();
        });
    }

    private com.slack.api.bolt.response.Response vote(BlockActionRequest req,
            com.slack.api.bolt.context.builtin.ActionContext ctx, boolean up) throws IOException {
        List<String> ids = Arrays.stream(value(req).split(","))
                .map(String::strip)
                .filter(id -> answerer.get().corpus().article(id).isPresent())
                .toList();
        try {
            feedback.vote(ids, up);
            LOG.info("vote {} recorded for {}", up ? "up" : "down", ids);
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(Replies.THANKS));
        } catch (java.sql.SQLException e) {
            LOG.error("vote could not be stored: {}", e.getClass().getSimpleName());
            return com.slack.api.bolt.response.Response.error(500);
        }
        return ctx.ack();
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

    /** Answers a question once: a repeat of the event, or of the message under another event ID, is not answered. */
    private com.slack.api.bolt.response.Response answer(EventContext ctx, Question q) {
        if (!seen.claimEvent(q.eventId(), q.channel(), q.ts())) {
            LOG.info("{} repeated (retry {}), not answered again", q.kind(), ctx.getRetryNum());
            return ctx.ack();
        }
        answerLater(q.kind(), ctx, q.channel(), q.thread(), q.text());
        return ctx.ack();
    }

    private void answerLater(String type, EventContext ctx, String channel, String thread, String text) {
        long received = System.nanoTime();
        try {
            workers.execute(() -> {
                Answer answer = answer(text);
                Replies.Message reply = Replies.answer(answer, false);
                post(ctx, channel, thread, reply);
                LOG.info("{} answered in {} ms: {}", type, millis(received), ids(answer));
            });
        } catch (RejectedExecutionException busy) {
            LOG.warn("{} shed: worker queue full", type);
            try {
                notices.execute(() -> post(ctx, channel, thread, Replies.plain(Replies.BUSY)));
            } catch (RejectedExecutionException alsoBusy) {
                LOG.warn("{} dropped: notice queue full", type);
            }
        }
    }

    private Answer answer(String text) {
        return answerer.get().ask(text);
    }

    private void post(EventContext ctx, String channel, String thread, Replies.Message reply) {
        try {
            ChatPostMessageResponse r = ctx.client().chatPostMessage(m -> m.channel(channel).threadTs(thread)
                    .text(reply.text()).blocks(reply.blocks()).unfurlLinks(false).unfurlMedia(false));
            if (!r.isOk()) {
                LOG.warn("chat.postMessage failed: {}", r.getError());
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("chat.postMessage failed: {}", e.getClass().getSimpleName());
        }
    }

    private void publishHome(EventContext ctx, String user) {
        try {
            Answerer a = answerer.get();
            var r = ctx.client().viewsPublish(v -> v.userId(user).view(View.builder().type("home")
                    .blocks(Replies.home(a.corpus(), a.corpus().coreRules())).build()));
            if (!r.isOk()) {
                LOG.warn("views.publish failed: {}", r.getError());
            } else {
                LOG.info("app home published");
            }
        } catch (IOException | SlackApiException e) {
            LOG.warn("views.publish failed: {}", e.getClass().getSimpleName());
        }
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static List<String> ids(Answer answer) {
        return answer.items().stream().map(Answer.Item::id).toList();
    }
}
