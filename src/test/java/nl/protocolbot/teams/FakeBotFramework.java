package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Bot Framework on 127.0.0.1 for tests: an OpenID metadata document and its JWKS (with endorsements), an Entra
 * ID token endpoint, and a Bot Connector that records what the bot posts. Tokens are signed with RSA keys made here.
 */
public final class FakeBotFramework implements AutoCloseable {
    public static final String APP_ID = "11111111-2222-3333-4444-555555555555";
    public static final String APP_PASSWORD = "s3cr3t~client~password";
    public static final String TENANT_ID = "99999999-8888-7777-6666-555555555555";
    public static final String ACCESS_TOKEN_PREFIX = "bot-access-token-";

    /** One request the bot made to the connector. */
    public record Posted(String method, String path, String authorization, JsonObject body) {
    }

    private static RSAKey signing;
    private static RSAKey stranger;

    private final HttpServer server;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final List<String> endorsements = new CopyOnWriteArrayList<>(List.of("msteams"));
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Deque<Integer> connectorFailures = new ArrayDeque<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-bot-framework");
        t.setDaemon(true);
        return t;
    });
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile int keyFetches;
    private volatile int connectorCalls;

    public FakeBotFramework() throws IOException {
        published.add(signingKey());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/openid", ex -> reply(ex, 200, metadata().toString()));
        server.createContext("/keys", ex -> {
            keyFetches++;
            reply(ex, 200, jwks().toString());
        });
        server.createContext("/token", this::token);
        server.createContext("/teams/v3/conversations/", this::connector);
        server.setExecutor(pool);
        server.start();
    }

    /** The key the fake connector signs with, made once per test run (RSA key generation is slow). */
    public static synchronized RSAKey signingKey() {
        if (signing == null) {
            signing = generate("connector-key-1");
        }
        return signing;
    }

    /** A key that is not published, with the same {@code kid} as the real one. */
    public static synchronized RSAKey strangerKey() {
        if (stranger == null) {
            stranger = generate("connector-key-1");
        }
        return stranger;
    }

    public static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String openIdUrl() {
        return base() + "/openid";
    }

    public String tokenUrl() {
        return base() + "/token";
    }

    /** The serviceUrl activities name (the fake connector), with a trailing slash as Teams sends it. */
    public String serviceUrl() {
        return base() + "/teams/";
    }

    /** The settings that point the bot at this fake. */
    public Map<String, String> env() {
        return Map.of("TEAMS_BOT_APP_ID", APP_ID, "TEAMS_BOT_APP_PASSWORD", APP_PASSWORD,
                "TEAMS_BOT_TENANT_ID", TENANT_ID, "TEAMS_BOT_OPENID_URL", openIdUrl(),
                "TEAMS_BOT_TOKEN_URL", tokenUrl());
    }

    /** Publishes another key (a key rotation). */
    public void publish(RSAKey key) {
        published.add(key);
    }

    /** Sets the channels the published keys are endorsed for. */
    public void endorse(String... channels) {
        endorsements.clear();
        endorsements.addAll(List.of(channels));
    }

    /** The next connector calls fail with these statuses, in order. */
    public synchronized void failNext(Integer... statuses) {
        connectorFailures.addAll(List.of(statuses));
    }

    /** A connector token as the Bot Connector makes it, valid now for {@code serviceUrl}, changed by {@code tweak}. */
    public String token(String serviceUrl, Consumer<JWTClaimsSet.Builder> tweak) {
        return token(signingKey(), serviceUrl, tweak);
    }

    public String token(RSAKey key, String serviceUrl, Consumer<JWTClaimsSet.Builder> tweak) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("https://api.botframework.com")
                .audience(APP_ID)
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("serviceurl", serviceUrl);
        tweak.accept(claims);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    /** Waits (up to 20 s) until the connector has received {@code n} posts, and returns them all. */
    public List<Posted> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (posted.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return posted();
    }

    public int keyFetches() {
        return keyFetches;
    }

    public int connectorCalls() {
        return connectorCalls;
    }

    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    private JsonObject metadata() {
        JsonObject o = new JsonObject();
        o.addProperty("issuer", "https://api.botframework.com");
        o.addProperty("authorization_endpoint", "https://invalid.botframework.com");
        o.addProperty("jwks_uri", base() + "/keys");
        JsonArray algs = new JsonArray();
        algs.add("RS256");
        o.add("id_token_signing_alg_values_supported", algs);
        return o;
    }

    private JsonObject jwks() {
        JsonArray keys = new JsonArray();
        for (RSAKey k : published) {
            JsonObject key = JsonParser.parseString(k.toPublicJWK().toJSONString()).getAsJsonObject();
            key.addProperty("use", "sig");
            JsonArray e = new JsonArray();
            endorsements.forEach(e::add);
            key.add("endorsements", e);
            keys.add(key);
        }
        JsonObject o = new JsonObject();
        o.add("keys", keys);
        return o;
    }

    private void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        tokenRequests.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
        JsonObject o = new JsonObject();
        o.addProperty("token_type", "Bearer");
        o.addProperty("expires_in", 3599);
        o.addProperty("ext_expires_in", 3599);
        o.addProperty("access_token", ACCESS_TOKEN_PREFIX + tokenRequests.size());
        reply(ex, 200, o.toString());
    }

    /** Makes the connector hold every call until {@link #release()} (a slow connector, to fill the bot's queues). */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    private void connector(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Integer failure;
        synchronized (this) {
            connectorCalls++;
            failure = connectorFailures.poll();
        }
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            ex.getResponseHeaders().set("Retry-After", "1");
            reply(ex, failure, "{\"error\":{\"code\":\"Throttled\"}}");
            return;
        }
        posted.add(new Posted(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"), JsonParser.parseString(body).getAsJsonObject()));
        reply(ex, 201, "{\"id\":\"reply-" + posted.size() + "\"}");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        pool.shutdownNow();
    }
}
