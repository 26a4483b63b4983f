package nl.protocolbot.cli;

import nl.protocolbot.testing.LoopbackSlackApi;
import nl.protocolbot.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.protocolbot.app.Server;
import nl.protocolbot.app.Settings;

/** The whole server in HTTP mode on 127.0.0.1 with a fake Slack Web API, for tests that send Slack's payloads. */
final class SlackServer implements AutoCloseable {
    final LoopbackSlackApi slack;
    final SlackSigner signer = new SlackSigner(SlackHttpTest.SECRET);
    final Path data;
    Server serve;

    SlackServer(Path data, String... env) throws Exception {
        this.slack = new LoopbackSlackApi();
        this.data = data;
        try {
            this.serve = Server.start(settings(env));
        } catch (Exception | Error e) {
            slack.close();
            throw e;
        }
    }

    Settings settings(String... extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", SlackHttpTest.TOKEN);
        env.put("SLACK_SIGNING_SECRET", SlackHttpTest.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", "0");
        env.put("PROTOCOLBOT_BIND", "127.0.0.1");
        env.put("PROTOCOLBOT_DATA", data.toString());
        // one worker: answers are posted in the order the events came, which postsAfterMarker relies on
        env.put("PROTOCOLBOT_WORKERS", "1");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return Settings.fromEnv(env);
    }

    /** Stops the server (as a restart would) and starts a new one on the same data folder. */
    void restart(String... env) throws Exception {
        serve.close();
        serve = Server.start(settings(env));
    }

    String url() {
        return "http://127.0.0.1:" + serve.port() + "/slack/events";
    }

    HttpResponse<String> event(String eventId, String event, String... headers) throws Exception {
        return signer.postSigned(url(), "application/json", SlackPayloads.callback(eventId, event), headers);
    }

    HttpResponse<String> json(String body, String... headers) throws Exception {
        return signer.postSigned(url(), "application/json", body, headers);
    }

    HttpResponse<String> form(String body, String... headers) throws Exception {
        return signer.postSigned(url(), "application/x-www-form-urlencoded", body, headers);
    }

    /**
     * The posts after everything sent so far has been handled: a marker mention is sent last and waited for, so
     * that a post that should not happen has had its chance (the bot works through its queue in order).
     */
    List<LoopbackSlackApi.Call> postsAfterMarker(String marker) throws Exception {
        String ts = "1799999999." + marker.hashCode();
        event("EvMarker" + marker, SlackPayloads.mention("mag ik vloeken in een tweet", ts));
        slack.await("chat.postMessage", 1, c -> ts.equals(c.params().get("thread_ts")));
        return slack.calls("chat.postMessage").stream().filter(c -> !ts.equals(c.params().get("thread_ts")))
                .toList();
    }

    @Override
    public void close() {
        try {
            serve.close();
        } finally {
            slack.close();
        }
    }
}
