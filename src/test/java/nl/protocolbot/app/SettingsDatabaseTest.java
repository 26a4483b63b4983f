package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.protocolbot.feedback.Database;
import org.junit.jupiter.api.Test;

/** The database settings: PROTOCOLBOT_DATABASE_URL, _USER and _PASSWORD. */
class SettingsDatabaseTest {
    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("TEAMS_WEBHOOK_SECRET", "dGVhbXMtc2VjcmV0"));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theDefaultIsTheSqliteFileInTheDataFolder() throws Exception {
        Settings s = Settings.fromEnv(env("PROTOCOLBOT_DATA", "/srv/bot"));
        assertEquals(new Database("jdbc:sqlite:" + Path.of("/srv/bot/protocolbot.db"), Optional.empty(),
                Optional.empty()), s.database());
        assertEquals(Optional.of(Path.of("/srv/bot/protocolbot.db")), s.database().sqliteFile());
    }

    @Test
    void aPostgresUrlWithCredentialsNeverShowsThePassword() throws Exception {
        Settings s = Settings.fromEnv(env("PROTOCOLBOT_DATABASE_URL", "jdbc:postgresql://db:5432/protocolbot?sslmode=require",
                "PROTOCOLBOT_DATABASE_USER", "protocolbot", "PROTOCOLBOT_DATABASE_PASSWORD", " spaties tellen mee "));
        assertEquals(new Database("jdbc:postgresql://db:5432/protocolbot?sslmode=require",
                Optional.of("protocolbot"), Optional.of(" spaties tellen mee ")), s.database());
        assertEquals(Database.Kind.POSTGRESQL, s.database().kind());
        assertTrue(s.toString().contains("database=jdbc:postgresql://db:5432/protocolbot (user protocolbot)"), s.toString());
        assertFalse(s.toString().contains("spaties"), s.toString());
    }

    @Test
    void aPasswordInTheUrlIsNotShownEither() throws Exception {
        Settings s = Settings.fromEnv(env("PROTOCOLBOT_DATABASE_URL",
                "jdbc:postgresql://db/protocolbot?user=bot&password=Geheim-Wachtwoord-42"));
        assertFalse(s.toString().contains("Geheim"), s.toString());
        assertEquals("jdbc:postgresql://db/protocolbot", s.database().redactedUrl());
    }

    @Test
    void anUnsupportedUrlOrCredentialsWithoutAUrlAreRefusedWithoutEchoingThem() {
        Settings.Invalid bad = assertThrows(Settings.Invalid.class, () -> Settings.fromEnv(env(
                "PROTOCOLBOT_DATABASE_URL", "jdbc:mysql://db/bot?password=Geheim-Wachtwoord-42")));
        assertEquals(List.of("PROTOCOLBOT_DATABASE_URL: moet met jdbc:postgresql:// of jdbc:sqlite: beginnen"),
                bad.problems());
        Settings.Invalid orphan = assertThrows(Settings.Invalid.class, () -> Settings.fromEnv(env(
                "PROTOCOLBOT_DATABASE_PASSWORD", "Geheim-Wachtwoord-42")));
        assertEquals(List.of("PROTOCOLBOT_DATABASE_USER/PROTOCOLBOT_DATABASE_PASSWORD: alleen samen met "
                + "PROTOCOLBOT_DATABASE_URL"), orphan.problems());
    }
}
