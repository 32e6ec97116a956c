package nl.wams.gateway.request;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps aggregated answers for a limited time so the caller can fetch them again by id. Held in
 * memory on purpose: the gateway carries personal data, it does not become a second copy of it.
 * Entries expire after the configured retention and only the user who asked can read them.
 */
public final class ResultStore {

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private final int maxEntries;

    public ResultStore(Clock clock, Duration retention, int maxEntries) {
        this.clock = clock;
        this.retention = retention;
        this.maxEntries = maxEntries;
    }

    public void put(DataRequestResult result) {
        evictExpired();
        if (entries.size() >= maxEntries) {
            entries.entrySet().stream()
                    .min(Map.Entry.comparingByValue((a, b) -> a.expires().compareTo(b.expires())))
                    .ifPresent(oldest -> entries.remove(oldest.getKey()));
        }
        entries.put(result.id(), new Entry(result, clock.instant().plus(retention)));
    }

    /** The result, if it exists, has not expired, and belongs to this requester. */
    public Optional<DataRequestResult> get(UUID id, String requester) {
        Entry entry = entries.get(id);
        if (entry == null || entry.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.result()).filter(r -> r.requester().equals(requester));
    }

    private void evictExpired() {
        var now = clock.instant();
        entries.values().removeIf(e -> e.expires().isBefore(now));
    }

    private record Entry(DataRequestResult result, java.time.Instant expires) {}
}
