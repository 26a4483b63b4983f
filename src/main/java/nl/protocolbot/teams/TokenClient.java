package nl.protocolbot.teams;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bot's own token for the Bot Connector, from the OAuth client-credentials flow against Microsoft Entra ID
 * ({@code scope=https://api.botframework.com/.default}). Cached until shortly before it expires. Thread-safe.
 */
final class TokenClient {
    static final String SCOPE = "https://api.botframework.com/.default";
    /** A token is renewed this long before it expires (or halfway, for short-lived ones). */
    static final Duration EARLY = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String form;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    TokenClient(URI url, String appId, String appPassword, HttpClient http, Clock clock) {
        this.url = url;
        this.form = Map.of("grant_type", "client_credentials", "client_id", appId, "client_secret", appPassword,
                "scope", SCOPE).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        this.http = http;
        this.clock = clock;
    }

    /** A valid token, fetched when there is none or it is about to expire. */
    synchronized String token() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets a token the connector refused, so that the next call fetches a new one. */
    synchronized void refused(String used) {
        if (used.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            // the body may echo the request; only the status is reported
            throw new IOException("token endpoint answered HTTP " + r.statusCode());
        }
        accept(r.body());
    }

    private void accept(String body) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(body).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("token endpoint answered no JSON object");
        }
        JsonElement access = o.get("access_token");
        JsonElement expires = o.get("expires_in");
        if (access == null || !access.isJsonPrimitive()) {
            throw new IOException("token endpoint answered without an access_token");
        }
        long seconds = expires != null && expires.isJsonPrimitive() && expires.getAsString().matches("\\d{1,9}")
                ? Long.parseLong(expires.getAsString()) : 3600;
        Duration life = Duration.ofSeconds(seconds);
        Duration early = life.compareTo(EARLY.multipliedBy(2)) < 0 ? life.dividedBy(2) : EARLY;
        token = access.getAsString();
        renewAt = clock.instant().plus(life).minus(early);
    }
}
