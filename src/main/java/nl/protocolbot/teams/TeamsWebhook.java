package nl.protocolbot.teams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import nl.protocolbot.server.HttpExchanges;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.protocolbot.answer.Answer;
import nl.protocolbot.answer.Answerer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams outgoing webhook ({@code POST /teams/messages}): verifies the HMAC signature Teams puts in the
 * {@code Authorization} header, takes the question from the activity's text, and answers synchronously with an
 * Adaptive Card. It only translates; the answer comes from the shared {@link Answerer}.
 */
public final class TeamsWebhook implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsWebhook.class);

    private static final String JSON = "application/json; charset=utf-8";
    private final byte[] key;
    private final Supplier<Answerer> answerer;
    private final int maxBodyBytes;
    private final java.util.concurrent.Semaphore answering;

    /**
     * @param securityToken the base64 security token Teams shows when the webhook is created
     * @param maxConcurrent answers computed at once; a request that waits more than a second for its turn gets 503
     */
    public TeamsWebhook(String securityToken, Supplier<Answerer> answerer, int maxBodyBytes, int maxConcurrent) {
        this.key = Base64.getDecoder().decode(securityToken.strip());
        this.answerer = answerer;
        this.maxBodyBytes = maxBodyBytes;
        this.answering = new java.util.concurrent.Semaphore(maxConcurrent);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            handleExchange(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleExchange(HttpExchange exchange) throws IOException, InterruptedException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            HttpExchanges.send(exchange, 405, JSON, "{\"error\":\"method not allowed\"}");
            return;
        }
        byte[] body = HttpExchanges.body(exchange, maxBodyBytes);
        if (body == null) {
            HttpExchanges.tooLarge(exchange, JSON, "{\"error\":\"payload too large\"}");
            return;
        }
        if (!verified(exchange.getRequestHeaders().getFirst("Authorization"), body)) {
            LOG.info("teams request refused: bad or missing signature");
            HttpExchanges.send(exchange, 401, JSON, "{\"error\":\"unauthorized\"}");
            return;
        }
        Optional<Activity> activity = Activity.parse(new String(body, StandardCharsets.UTF_8));
        if (activity.isEmpty()) {
            HttpExchanges.send(exchange, 400, JSON, "{\"error\":\"malformed activity\"}");
            return;
        }
        String text = activity.get().question();
        long start = System.nanoTime();
        Answerer a = answerer.get();
        if (a == null) {
            HttpExchanges.send(exchange, 503, JSON, Cards.text(Answer.BUSY_MESSAGE).toString());
            return;
        }
        if (!answering.tryAcquire(1, java.util.concurrent.TimeUnit.SECONDS)) {
            LOG.warn("teams message shed: too many answers at once");
            HttpExchanges.send(exchange, 503, JSON, Cards.text(Answer.BUSY_MESSAGE).toString());
            return;
        }
        Cards.Reply reply;
        try {
            reply = Cards.respond(a, text, EnumSet.noneOf(Cards.Option.class));
        } finally {
            answering.release();
        }
        HttpExchanges.send(exchange, 200, JSON, reply.message().toString());
        LOG.info("teams webhook {} answered in {} ms: {}", reply.kind(), (System.nanoTime() - start) / 1_000_000,
                reply.articleIds());
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
