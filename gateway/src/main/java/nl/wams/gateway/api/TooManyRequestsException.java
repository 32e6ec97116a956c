package nl.wams.gateway.api;

import java.time.Duration;

/** Not now: 429 with Retry-After, its own slug, nothing of the request echoed. */
final class TooManyRequestsException extends RuntimeException {

    private final String slug;
    private final Duration retryAfter;

    TooManyRequestsException(String slug, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.slug = slug;
        this.retryAfter = retryAfter;
    }

    String slug() {
        return slug;
    }

    /** Whole seconds, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
