package nl.wams.gateway.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one text form of stored times: UTC, millisecond precision, fixed width, so text order is time
 * order and a hash over a record never depends on a database's timestamp precision.
 */
public final class StoredTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StoredTime() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Reads what {@link #format} wrote. */
    public static Instant parse(String stored) {
        return Instant.parse(stored);
    }
}
