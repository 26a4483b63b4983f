package nl.protocolbot.teams;

import nl.protocolbot.testing.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bot Connector's keys: cached, fetched again for an unknown kid at most once a minute, and after a day. */
class SigningKeysTest {

    FakeBotFramework fake;
    final TestClock clock = new TestClock(Instant.parse("2025-03-01T09:00:00Z"));
    SigningKeys keys;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBotFramework();
        keys = new SigningKeys(URI.create(fake.openIdUrl()), HttpClient.newHttpClient(), clock);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void keysAreCachedWithTheirEndorsements() throws Exception {
        SigningKeys.Key key = keys.find("connector-key-1").orElseThrow();
        assertEquals(Set.of("msteams"), key.endorsements());
        assertEquals(FakeBotFramework.signingKey().getModulus(), key.key().getModulus());
        keys.find("connector-key-1");
        clock.advance(Duration.ofHours(23));
        keys.find("connector-key-1");
        assertEquals(1, fake.keyFetches());
    }

    @Test
    void anUnknownKidFetchesAgainAtMostOnceAMinute() throws Exception {
        keys.find("connector-key-1");
        RSAKey rotated = FakeBotFramework.generate("connector-key-2");
        clock.advance(Duration.ofSeconds(61));
        assertTrue(keys.find("forged-kid").isEmpty());
        assertEquals(2, fake.keyFetches(), "an unknown kid makes the keys be fetched again");

        fake.publish(rotated);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(keys.find("connector-key-2").isEmpty(), "within the minute: not fetched again");
        assertTrue(keys.find("forged-kid").isEmpty());
        assertEquals(2, fake.keyFetches());

        clock.advance(Duration.ofSeconds(31));
        assertEquals(rotated.getModulus(), keys.find("connector-key-2").orElseThrow().key().getModulus());
        assertEquals(3, fake.keyFetches());
    }

    @Test
    void keysADayOldAreFetchedAgain() throws Exception {
        keys.find("connector-key-1");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        keys.find("connector-key-1");
        assertEquals(2, fake.keyFetches());
    }

    @Test
    void noKeysAtAllIsUnavailableNotRefused() {
        SigningKeys nowhere = new SigningKeys(URI.create(fake.base() + "/no-such-metadata"),
                HttpClient.newHttpClient(), clock);
        assertThrows(SigningKeys.Unavailable.class, () -> nowhere.find("connector-key-1"));
    }

    @Test
    void aKeySetIsParsedWithItsEndorsementsAndWithoutNonSigningKeys() throws Exception {
        RSAKey key = FakeBotFramework.generate("k1");
        RSAKey encryption = FakeBotFramework.generate("k2");
        String json = "{\"keys\":[" + key.toPublicJWK().toJSONString().replace("}", ",\"endorsements\":[\"msteams\","
                + "\"skype\"]}") + "," + encryption.toPublicJWK().toJSONString().replace("}", ",\"use\":\"enc\"}") + "]}";
        var parsed = SigningKeys.parse(json);
        assertEquals(Set.of("k1"), parsed.keySet());
        assertEquals(Set.of("msteams", "skype"), parsed.get("k1").endorsements());
    }
}
