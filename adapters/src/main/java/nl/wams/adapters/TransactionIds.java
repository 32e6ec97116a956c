package nl.wams.adapters;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates UUIDv7 ids (RFC 9562): time-ordered, so logs and indexes sort naturally. Transaction
 * ids, and the ids ({@code jti}) of signed peer messages, so that the receiver's replay store adds
 * each new one at the end of its index instead of at a random place in it.
 */
public final class TransactionIds {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public TransactionIds(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis = clock.millis();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
