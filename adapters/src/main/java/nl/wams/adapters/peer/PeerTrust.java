package nl.wams.adapters.peer;

import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The federation's trust anchors: validates certificate chains (PKIX, at a given time) and reads
 * an organisation's OIN from the subject {@code serialNumber} of its certificate.
 */
public final class PeerTrust {

    private static final Pattern OIN = Pattern.compile("[0-9]{20}");

    /** Validated chains kept at most; a chain beyond that is validated every time. */
    static final int MAX_VALIDATED_CHAINS = 1_000;

    /** When a validated chain holds: the latest notBefore and the earliest notAfter of its certificates. */
    private record Window(Instant from, Instant until) {
        boolean covers(Instant at) {
            return !at.isBefore(from) && !at.isAfter(until);
        }
    }

    static {
        // The JDK fetches CRLs named in certificates (CRL distribution points) only when asked to.
        if (System.getProperty("com.sun.security.enableCRLDP") == null) {
            System.setProperty("com.sun.security.enableCRLDP", "true");
        }
    }

    /**
     * Whether and how certificates are checked for revocation: through the CRL distribution points
     * and OCSP responders the certificates name (a certificate that names neither cannot be
     * checked); when no answer can be had, refuse unless {@code acceptUnreachable}; a validated
     * chain is checked again after {@code recheck}.
     */
    public record RevocationPolicy(boolean check, boolean acceptUnreachable, Duration recheck) {
        public static final RevocationPolicy OFF = new RevocationPolicy(false, false, Duration.ZERO);
    }

    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    private static final String AUTHORITY_INFORMATION_ACCESS = "1.3.6.1.5.5.7.1.1";

    private final Set<TrustAnchor> anchors;
    private final RevocationPolicy revocation;
    private final Map<String, Window> validated = new ConcurrentHashMap<>();

    public PeerTrust(Set<TrustAnchor> anchors) {
        this(anchors, RevocationPolicy.OFF);
    }

    public PeerTrust(Set<TrustAnchor> anchors, RevocationPolicy revocation) {
        this.anchors = Set.copyOf(anchors);
        this.revocation = revocation;
    }

    /** The same anchors with a revocation policy. */
    public PeerTrust with(RevocationPolicy policy) {
        return new PeerTrust(anchors, policy);
    }

    /** Every certificate entry of a trust store becomes an anchor. */
    public static PeerTrust of(KeyStore trustStore) throws KeyStoreException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (String alias : Collections.list(trustStore.aliases())) {
            if (trustStore.getCertificate(alias) instanceof X509Certificate cert) {
                anchors.add(new TrustAnchor(cert, null));
            }
        }
        return new PeerTrust(anchors);
    }

    /**
     * The leaf of a chain that validates to an anchor at {@code at}. A chain that validated once
     * is kept (by a hash of its exact certificates) with the window in which all its certificates
     * are valid, so the same peer's messages cost one PKIX validation until that window ends, or,
     * when its certificates can be checked for revocation, until the next revocation check.
     */
    public X509Certificate validate(List<X509Certificate> chain, Instant at) throws PeerProtocolException {
        if (chain.isEmpty()) {
            throw new PeerProtocolException(PeerProtocolException.Reason.NO_CERTIFICATE_CHAIN, "no certificate chain");
        }
        String key = key(chain);
        Window known = key == null ? null : validated.get(key);
        if (known != null && known.covers(at)) {
            return chain.get(0);
        }
        boolean checked = validatePkix(chain, at);
        if (key != null && (validated.size() < MAX_VALIDATED_CHAINS || drop(at))) {
            Window window = window(chain);
            validated.put(
                    key,
                    checked ? new Window(window.from(), min(window.until(), at.plus(revocation.recheck()))) : window);
        }
        return chain.get(0);
    }

    private boolean drop(Instant at) {
        validated.values().removeIf(w -> !w.covers(at));
        return validated.size() < MAX_VALIDATED_CHAINS;
    }

    /** The window PKIX checks: the certificates of the path (the anchor is not part of it). */
    private Window window(List<X509Certificate> chain) {
        Instant from = Instant.MIN;
        Instant until = Instant.MAX;
        for (X509Certificate c : chain) {
            if (anchors.stream().noneMatch(a -> c.equals(a.getTrustedCert()))) {
                from = max(from, c.getNotBefore().toInstant());
                until = min(until, c.getNotAfter().toInstant());
            }
        }
        return new Window(from, until);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** SHA-256 over the DER of every certificate in order; null when a certificate cannot be encoded. */
    private static String key(List<X509Certificate> chain) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (X509Certificate c : chain) {
                byte[] der = c.getEncoded();
                digest.update(ByteBuffer.allocate(4).putInt(der.length).array());
                digest.update(der);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Validates the path to an anchor; true when its end certificate was checked for revocation. */
    private boolean validatePkix(List<X509Certificate> chain, Instant at) throws PeerProtocolException {
        // The anchor itself is not part of the path to validate.
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(c -> anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c)));
        boolean checked = revocation.check() && !path.isEmpty() && checkable(path.get(0));
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            if (checked) {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                X509Certificate end = path.get(0);
                boolean crl = end.getExtensionValue(CRL_DISTRIBUTION_POINTS) != null;
                boolean ocsp = end.getExtensionValue(AUTHORITY_INFORMATION_ACCESS) != null;
                // Only what the certificate names: CRLs first when it names a distribution point,
                // OCSP when it names a responder, each falling back to the other only if named too.
                // The whole path when every certificate in it names where to ask; else the end certificate.
                EnumSet<PKIXRevocationChecker.Option> options = path.stream().allMatch(PeerTrust::checkable)
                        ? EnumSet.noneOf(PKIXRevocationChecker.Option.class)
                        : EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY);
                if (crl) {
                    options.add(PKIXRevocationChecker.Option.PREFER_CRLS);
                }
                if (!(crl && ocsp)) {
                    options.add(PKIXRevocationChecker.Option.NO_FALLBACK);
                }
                if (revocation.acceptUnreachable()) {
                    options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
                }
                checker.setOptions(options);
                params.addCertPathChecker(checker);
            }
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
                throw new PeerProtocolException(PeerProtocolException.Reason.REVOKED, "certificate is revoked");
            }
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                throw new PeerProtocolException(
                        PeerProtocolException.Reason.REVOCATION_UNKNOWN,
                        "revocation status unknown (no CRL or OCSP answer) and the policy refuses");
            }
            throw untrusted();
        } catch (GeneralSecurityException e) {
            throw untrusted();
        }
        return checked;
    }

    private static PeerProtocolException untrusted() {
        return new PeerProtocolException(
                PeerProtocolException.Reason.UNTRUSTED_CERTIFICATE,
                "certificate chain does not validate to a trust anchor");
    }

    /** Whether a certificate names where its revocation can be learned (CRL distribution points or an OCSP responder). */
    private static boolean checkable(X509Certificate certificate) {
        return certificate.getExtensionValue(CRL_DISTRIBUTION_POINTS) != null
                || certificate.getExtensionValue(AUTHORITY_INFORMATION_ACCESS) != null;
    }

    /** The {@code x5c} header values as certificates. */
    public static List<X509Certificate> parse(List<Base64> x5c) throws PeerProtocolException {
        if (x5c == null || x5c.isEmpty()) {
            throw new PeerProtocolException(PeerProtocolException.Reason.NO_CERTIFICATE_CHAIN, "no x5c header");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Base64 der : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.decode())));
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new PeerProtocolException(
                    PeerProtocolException.Reason.NO_CERTIFICATE_CHAIN, "x5c is not a certificate chain");
        }
    }

    /** The OIN in the subject {@code serialNumber} (2.5.4.5), if there is one. */
    public static Optional<String> oin(X509Certificate certificate) {
        String name =
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER"));
        try {
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("SERIALNUMBER")) {
                    String value = String.valueOf(rdn.getValue());
                    return OIN.matcher(value).matches() ? Optional.of(value) : Optional.empty();
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
