package nl.wams.gateway.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one text form of audit times: UTC, millisecond precision, fixed width, so text order is time order. */
public final class AuditClock {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditClock() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
