package nl.wams.adapters.peer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs peer messages with an organisation's signing key: ES256 for EC keys, PS256 for RSA keys,
 * the certificate chain in {@code x5c}.
 */
public final class PeerSigner {

    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final List<Base64> x5c;
    private final String oin;

    public PeerSigner(PrivateKey key, List<X509Certificate> chain) {
        try {
            if (key instanceof ECPrivateKey ec) {
                this.signer = new ECDSASigner(ec);
                this.algorithm = JWSAlgorithm.ES256;
            } else {
                this.signer = new RSASSASigner(key);
                this.algorithm = JWSAlgorithm.PS256;
            }
            List<Base64> encoded = new ArrayList<>();
            for (X509Certificate cert : chain) {
                encoded.add(Base64.encode(cert.getEncoded()));
            }
            this.x5c = List.copyOf(encoded);
        } catch (JOSEException | CertificateEncodingException e) {
            throw new IllegalArgumentException("unusable signing key or chain", e);
        }
        this.oin = PeerTrust.oin(chain.get(0))
                .orElseThrow(() -> new IllegalArgumentException("signing certificate has no OIN in serialNumber"));
    }

    /** The OIN of the organisation this signer signs for. */
    public String oin() {
        return oin;
    }

    public String sign(JWTClaimsSet claims, String type) {
        SignedJWT jws = new SignedJWT(
                new JWSHeader.Builder(algorithm)
                        .type(new JOSEObjectType(type))
                        .x509CertChain(x5c)
                        .build(),
                claims);
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jws.serialize();
    }
}
