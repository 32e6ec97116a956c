package nl.wams.gateway.config;

/**
 * The one TLS policy of every listener (the API and the peer listener) and of the peer client:
 * TLS 1.3, and TLS 1.2 with forward-secret (ECDHE) AEAD suites only.
 */
public final class TlsPolicy {

    private TlsPolicy() {}

    /** The protocols a listener accepts, as Tomcat and Spring Boot take them. */
    public static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

    /** The cipher suites (IANA names) a listener accepts, strongest first. */
    public static final String CIPHERS = String.join(
            ",",
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** The protocol of the peer client's context (it offers TLS 1.3 and 1.2, as the listeners accept). */
    public static final String CLIENT_CONTEXT = "TLSv1.3";
}
