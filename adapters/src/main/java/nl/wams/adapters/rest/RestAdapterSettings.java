package nl.wams.adapters.rest;

import com.fasterxml.jackson.core.JsonPointer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.FieldMapping;

/**
 * Settings of one REST/JSON party backend.
 *
 * @param url the backend endpoint; the subject travels in the POST body, never in this URL
 * @param timeout connect plus answer time allowed for one call
 * @param sslContext trust (and client key for two-way TLS) for https URLs; null uses the JVM default
 * @param maxAnswerBytes answers larger than this are rejected as invalid
 * @param subjectsPointer where the array of known subjects is in the answer
 * @param bsnPointer where a subject's BSN is inside one element of that array
 * @param refusalGroundPointer where a refusal ground is, if the backend refuses
 * @param refusalMotivationPointer where the refusal's motivation is
 * @param mappings canonical field locations inside one subject element
 */
public record RestAdapterSettings(
        URI url,
        Duration timeout,
        SSLContext sslContext,
        long maxAnswerBytes,
        JsonPointer subjectsPointer,
        JsonPointer bsnPointer,
        JsonPointer refusalGroundPointer,
        JsonPointer refusalMotivationPointer,
        List<FieldMapping> mappings) {

    public RestAdapterSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        mappings = List.copyOf(mappings);
    }
}
