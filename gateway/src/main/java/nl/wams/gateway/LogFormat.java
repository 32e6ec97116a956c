package nl.wams.gateway;

import java.util.Locale;

/**
 * The one switch for the log format: {@code WAMS_LOG_FORMAT=json} (or the system property
 * {@code wams.log-format}) gives Spring Boot's structured ECS JSON, one object per line;
 * {@code text} (the default) gives plain lines. Both go to stderr.
 */
public enum LogFormat {
    TEXT,
    JSON;

    /** The format asked for; refuses anything but {@code text} or {@code json}. */
    public static LogFormat fromEnvironment() {
        String asked = System.getProperty("wams.log-format", System.getenv("WAMS_LOG_FORMAT"));
        if (asked == null || asked.isBlank()) {
            return TEXT;
        }
        try {
            return valueOf(asked.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WAMS_LOG_FORMAT must be text or json");
        }
    }
}
