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
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.view.View;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
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

    private final Config config;
    private final Supplier<Answerer> answerer;
    private final FeedbackStore feedback;
    private final Executor workers;
    private final Executor notices;
    private final EventDeduplicator dedup;
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
        this.dedup = new EventDeduplicator(clock);
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
        return new SlackHttpHandler(app, config.signingSecret(), clock);
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
            if (dedup.firstTime(payload.getEventId())) {
                String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
                answerLater("app_mention", ctx, e.getChannel(), thread, e.getText());
            } else {
                LOG.info("app_mention repeated (retry {}), not answered again", ctx.getRetryNum());
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            boolean direct = "im".equals(e.getChannelType());
            boolean fromBot = e.getBotId() != null || e.getUser() == null
                    || e.getUser().equals(ctx.getBotUserId());
            if (direct && !fromBot && dedup.firstTime(payload.getEventId())) {
                answerLater("message.im", ctx, e.getChannel(), e.getThreadTs(), e.getText());
            }
            return ctx.ack();
        });
        // Edits, deletions and bot messages arrive as message subtypes: acknowledged, never answered.
        app.event(MessageChangedEvent.class, (payload, ctx) -> ctx.ack());
        app.event(MessageDeletedEvent.class, (payload, ctx) -> ctx.ack());
        app.event(MessageBotEvent.class, (payload, ctx) -> ctx.ack());

        app.command("/protocol", (req, ctx) -> {
            long start = System.nanoTime();
            String text = req.getPayload().getText() == null ? "" : req.getPayload().getText().strip();
            Replies.Message reply;
            String lower = text.toLowerCase(Locale.ROOT);
            if (text.isEmpty() || lower.equals("help") || lower.equals("hulp")) {
                reply = Replies.plain(Replies.USAGE);
            } else if (lower.startsWith("toon ") || lower.startsWith("show ")) {
                String id = text.substring(5).strip();
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
