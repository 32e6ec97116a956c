package nl.wams.adapters.soap;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Settings of the housing corporation's SOAP backend.
 *
 * @param url the service endpoint
 * @param timeout connect plus answer time for one call
 * @param sslContext trust (and client key for two-way TLS) for https; null uses the JVM default
 * @param maxAnswerBytes answers larger than this are rejected as invalid
 */
public record SoapAdapterSettings(URI url, Duration timeout, SSLContext sslContext, long maxAnswerBytes) {}
