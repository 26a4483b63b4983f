package nl.protocolbot.slack;

import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.crypto.Hmac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Bolt over HTTP ({@code POST /slack/events}): the signature is checked, the body sorted out
 * ({@link Payloads}: what Bolt does not know is acknowledged, what is not Slack's refused, neither logged), replays
 * refused, and the rest becomes a Bolt request (through Bolt's own {@link SlackRequestParser}) that
 * {@link BoltRunner} runs, request verification included. The server has already applied the method, size and time
 * limits.
 */
final class SlackHttpHandler implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SlackHttpHandler.class);

    /** Slack's window for request timestamps, in both directions. */
    static final long MAX_SKEW_SECONDS = 5 * 60;

    private final BoltRunner bolt;
    private final SlackRequestParser parser;
    private final byte[] signingKey;
    private final java.time.Clock clock;
    private final SeenKeys seen;

    SlackHttpHandler(BoltRunner bolt, AppConfig config, String signingSecret, java.time.Clock clock, SeenKeys seen) {
        this.bolt = bolt;
        this.parser = new SlackRequestParser(config);
        this.signingKey = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.seen = seen;
    }

    /**
     * Slack's v0 signature, checked here in constant time and with the timestamp window applied to the future as
     * well as the past, before Bolt (whose own verification stays on) sees the request.
     */
    boolean verified(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("v0=")) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.millis() / 1000 - ts) > MAX_SKEW_SECONDS) {
            return false;
        }
        byte[] mac = Hmac.sha256(signingKey, ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8), body);
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac)).getBytes(StandardCharsets.US_ASCII);
        return Hmac.same(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Reply handle(Call call) {
        String signature = call.header("X-Slack-Signature");
        if (!verified(call.header("X-Slack-Request-Timestamp"), signature, call.body())) {
            return Reply.text(401, "Unauthorized");
        }
        Payloads.Verdict what = Payloads.ofHttpBody(call.bodyText(), call::form);
        if (what.kind() == Payloads.Kind.MALFORMED) {
            return malformed();
        }
        if (what.kind() == Payloads.Kind.OTHER) {
            return acknowledgeOther(what.type());
        }
        if (!seen.claimRequest(signature)) {
            // the very same signed request again (also after a restart): a replay; it was handled the first time
            return Reply.text(200, "");
        }
        Reply reply = Reply.text(500, "Internal Server Error");
        try {
            reply = run(call);
        } finally {
            if (reply.status() >= 500) {
                // failed on our side: Slack's retry of this request must not be refused as a replay
                seen.releaseRequest(signature);
            }
        }
        return reply;
    }

    private static Reply malformed() {
        LOG.info("Slack request rejected: malformed body");
        return Reply.text(400, "Bad Request");
    }

    /** A callback Bolt has no use for, such as {@code app_rate_limited}: 200, and one line saying what it was. */
    private static Reply acknowledgeOther(String type) {
        if ("app_rate_limited".equals(type)) {
            LOG.warn("Slack reports that the app is rate limited: events are being held back (app_rate_limited)");
        } else {
            LOG.info("Slack callback of type {} acknowledged, not handled", type);
        }
        return Reply.text(200, "");
    }

    private Reply run(Call call) {
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(call.path())
                    .queryString(new HashMap<>(call.query()))
                    .headers(new RequestHeaders(call.headers()))
                    .requestBody(call.bodyText())
                    .remoteAddress(call.remoteAddress())
                    .build());
        } catch (RuntimeException e) {
            return malformed(); // well-formed JSON, but not in the shape its type needs
        }
        if (request == null) {
            return malformed();
        }
        return reply(bolt.run(request));
    }

    private static Reply reply(Response response) {
        String type = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
        byte[] body = (response.getBody() == null ? "" : response.getBody()).getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.getHeaders().forEach((k, values) -> {
            if (!"content-type".equalsIgnoreCase(k)) {
                values.forEach(v -> headers.add(Map.entry(k, v)));
            }
        });
        headers.add(Map.entry("Content-Type", type));
        return new Reply(response.getStatusCode(), headers, body);
    }
}
