package nl.wams.gateway.bench;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * How long one P-256 ECDSA signature (ES256) takes to make and to check, with the JDK's
 * implementation and with Bouncy Castle's, on the running JVM: the per-message cost of the peer
 * protocol (each data request is signed and verified twice). Run with {@code bench/signatures.sh}.
 */
public final class SignatureSpeed {

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] message = new byte[600]; // about a signed peer request
        for (Provider provider :
                new Provider[] {Signature.getInstance("SHA256withECDSA").getProvider(), new BouncyCastleProvider()}) {
            // The first round warms the JIT; the second is reported.
            double[] result = null;
            for (int round = 0; round < 2; round++) {
                result = measure(provider, keys, message, seconds);
            }
            System.out.printf(
                    "Java %s, %s: sign %.3f ms, verify %.3f ms%n",
                    System.getProperty("java.version"), provider.getName(), result[0], result[1]);
        }
        // The same peer's messages again and again: Bouncy Castle's own key, made once and kept,
        // keeps what it precomputed for that key between verifications.
        Provider bc = new BouncyCastleProvider();
        PublicKey kept = KeyFactory.getInstance("EC", bc)
                .generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded()));
        double[] result = null;
        for (int round = 0; round < 2; round++) {
            result = measure(bc, new KeyPair(kept, keys.getPrivate()), message, seconds);
        }
        System.out.printf(
                "Java %s, %s with its own key kept: verify %.3f ms%n",
                System.getProperty("java.version"), bc.getName(), result[1]);
    }

    private static double[] measure(Provider provider, KeyPair keys, byte[] message, long seconds) throws Exception {
        long budget = seconds * 1_000_000_000L;
        byte[] signature = null;
        long start = System.nanoTime();
        int signed = 0;
        while (System.nanoTime() - start < budget) {
            Signature signer = Signature.getInstance("SHA256withECDSA", provider);
            signer.initSign(keys.getPrivate());
            signer.update(message);
            signature = signer.sign();
            signed++;
        }
        double signMs = (System.nanoTime() - start) / 1e6 / signed;
        start = System.nanoTime();
        int verified = 0;
        while (System.nanoTime() - start < budget) {
            Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
            verifier.initVerify(keys.getPublic());
            verifier.update(message);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("a signature of this run did not verify");
            }
            verified++;
        }
        return new double[] {signMs, (System.nanoTime() - start) / 1e6 / verified};
    }
}
