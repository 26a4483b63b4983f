package nl.protocolbot.teams;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot Connector's signing keys: the OpenID metadata document names a {@code jwks_uri}, whose keys sign the
 * tokens the connector sends. Keys are cached; they are fetched again when a token names an unknown {@code kid} or
 * when they are a day old, never more than once a minute.
 *
 * <p>Written here rather than with nimbus's {@code JWKSourceBuilder} because the Bot Framework adds a non-standard
 * {@code endorsements} list (the channels a key may sign for) to each key, and nimbus's JWK model drops unknown
 * members. nimbus still parses the keys themselves.
 */
final class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A signing key and the channels it may sign for. */
    record Key(RSAKey key, Set<String> endorsements) {
        Key {
            endorsements = Set.copyOf(endorsements);
        }
    }

    /** No keys could be had at all (the metadata or key set is unreachable or malformed). */
    static final class Unavailable extends KeySourceException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private final URI metadata;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, Key> keys = Map.of();
    private Instant fetchedAt = Instant.MIN;
    private Instant triedAt = Instant.MIN;

    SigningKeys(URI metadata, HttpClient http, Clock clock) {
        this.metadata = metadata;
        this.http = http;
        this.clock = clock;
    }

    /**
     * The key with this ID. An unknown ID, or keys a day old, make the keys be fetched again, unless they were
     * fetched (or tried) less than a minute ago.
     *
     * @throws Unavailable when there are no keys at all
     */
    synchronized Optional<Key> find(String kid) throws Unavailable {
        Instant now = clock.instant();
        boolean wanted = !keys.containsKey(kid) || fetchedAt.plus(MAX_AGE).isBefore(now);
        if (wanted && !triedAt.plus(MIN_INTERVAL).isAfter(now)) {
            triedAt = now;
            fetch(now);
        }
        if (keys.isEmpty()) {
            throw new Unavailable("no Bot Connector signing keys");
        }
        return Optional.ofNullable(keys.get(kid));
    }

    private void fetch(Instant now) {
        try {
            JsonObject meta = JsonParser.parseString(get(metadata)).getAsJsonObject();
            URI jwks = Urls.secure(meta.get("jwks_uri").getAsString())
                    .orElseThrow(() -> new IOException("jwks_uri is not an https URL"));
            Map<String, Key> fresh = parse(get(jwks));
            if (fresh.isEmpty()) {
                throw new IOException("no RSA signing keys in the key set");
            }
            keys = fresh;
            fetchedAt = now;
            LOG.info("Bot Connector signing keys fetched: {}", fresh.size());
        } catch (IOException | RuntimeException | ParseException e) {
            LOG.warn("Bot Connector signing keys could not be fetched ({}); keeping {} cached",
                    e.getClass().getSimpleName(), keys.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** The RSA signing keys of a JWK set, each with the endorsements nimbus does not keep. */
    static Map<String, Key> parse(String json) throws ParseException {
        JWKSet set = JWKSet.parse(json);
        Map<String, Set<String>> endorsements = endorsements(json);
        Map<String, Key> out = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            boolean signing = jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse());
            if (jwk instanceof RSAKey rsa && signing && rsa.getKeyID() != null) {
                out.put(rsa.getKeyID(), new Key(rsa, endorsements.getOrDefault(rsa.getKeyID(), Set.of())));
            }
        }
        return out;
    }

    private static Map<String, Set<String>> endorsements(String json) {
        Map<String, Set<String>> out = new HashMap<>();
        try {
            JsonArray keys = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("keys");
            for (JsonElement k : keys) {
                JsonObject key = k.getAsJsonObject();
                if (key.has("kid") && key.get("endorsements") instanceof JsonArray list) {
                    Set<String> channels = new HashSet<>();
                    list.forEach(e -> channels.add(e.getAsString()));
                    out.put(key.get("kid").getAsString(), channels);
                }
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // a key without readable endorsements endorses nothing
        }
        return out;
    }
}
