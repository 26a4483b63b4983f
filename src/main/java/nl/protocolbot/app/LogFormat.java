package nl.protocolbot.app;

import java.util.Locale;
import java.util.Optional;

/** How log lines are written: {@code PROTOCOLBOT_LOG_FORMAT=plain} (the default) or {@code json}. */
enum LogFormat {
    /** One readable line: ISO-8601 time (UTC), level, thread, logger, message. */
    PLAIN,
    /** One JSON object per line (JSON Lines), for log collectors. */
    JSON;

    static final String VARIABLE = "PROTOCOLBOT_LOG_FORMAT";

    /** The format a setting names; empty for a value that names none. A missing or blank setting is plain. */
    static Optional<LogFormat> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(PLAIN);
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "plain", "text" -> Optional.of(PLAIN);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
