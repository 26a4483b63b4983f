package nl.protocolbot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web page's settings, and that no chat platform is no longer an error. */
class SettingsWebTest {
    @Test
    void nothingConfiguredIsTheWebPageAloneOnPort3000() throws Exception {
        Settings s = Settings.fromEnv(Map.of());
        assertEquals(3000, s.port());
        assertFalse(s.slackSocketMode() || s.slackHttpMode() || s.teams());
        assertEquals(Optional.empty(), s.adminPassword());
        assertEquals(Optional.empty(), s.publicUrl());
    }

    @Test
    void adminPasswordAndPublicUrlAreReadButThePasswordIsNeverShown() throws Exception {
        Settings s = Settings.fromEnv(Map.of("PROTOCOLBOT_ADMIN_PASSWORD", "een lang genoeg wachtwoord",
                "PROTOCOLBOT_PUBLIC_URL", "https://protocol.school.nl/"));
        assertEquals(Optional.of("een lang genoeg wachtwoord"), s.adminPassword());
        assertEquals(Optional.of(URI.create("https://protocol.school.nl/")), s.publicUrl());
        assertTrue(s.toString().contains("beheer=on"), s.toString());
        assertFalse(s.toString().contains("wachtwoord"), s.toString());
    }

    @Test
    void theSlackApiUrlIsHttpsExceptToThisMachine() throws Exception {
        Settings.Invalid plain = org.junit.jupiter.api.Assertions.assertThrows(Settings.Invalid.class,
                () -> Settings.fromEnv(Map.of("SLACK_API_URL", "http://slack.example.org/api/")));
        assertTrue(plain.getMessage().contains("SLACK_API_URL: is geen https-URL"), plain.getMessage());
        Settings.fromEnv(Map.of("SLACK_API_URL", "https://slack.example.org/api/"));
        Settings.fromEnv(Map.of("SLACK_API_URL", "http://127.0.0.1:8099/api/"));
    }
}
