package nl.wams.gateway.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import nl.wams.gateway.federation.DemoPki;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Serves the demo CA's CRL at the loopback URL its certificates name. On every request the revoked
 * serials are read from the file (so {@code certs revoke} takes effect while the demo runs; the JDK
 * keeps a fetched CRL for a short while) and, when the CA's key lies beside it as in
 * {@code certs-example}, the list is issued afresh (this update now, next update in a week): a CRL
 * checked into the repository would otherwise pass its next update and every peer would be refused.
 * Demo only.
 */
final class DemoCrlServer implements AutoCloseable {

    private final HttpServer server;

    private DemoCrlServer(HttpServer server) {
        this.server = server;
    }

    /** The CRL distribution point a certificate names, if any. */
    static Optional<URI> distributionPoint(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue("2.5.29.31");
        if (value == null) {
            return Optional.empty();
        }
        CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        return Optional.of(URI.create(general.getName().toString()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Serves {@code crl} at {@code url} (a loopback http URL), issued afresh by the CA when
     * {@code root-ca.crt.pem} and {@code root-ca.key.pem} lie beside the file.
     */
    static DemoCrlServer start(URI url, Path crl) throws IOException {
        Optional<DemoPki> ca = ca(crl.resolveSibling("root-ca.crt.pem"), crl.resolveSibling("root-ca.key.pem"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", url.getPort()), 0);
        server.createContext(url.getPath(), exchange -> {
            try (exchange) {
                byte[] body = ca.isPresent() ? reissue(ca.get(), crl) : Files.readAllBytes(crl);
                exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new DemoCrlServer(server);
    }

    private static Optional<DemoPki> ca(Path certificate, Path key) throws IOException {
        if (!Files.exists(certificate) || !Files.exists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    DemoPki.of(CertsCommand.Generate.certificate(certificate), CertsCommand.Generate.privateKey(key)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the demo CA", e);
        }
    }

    /** The serials the file lists (its signature checked), in a CRL issued now. */
    private static byte[] reissue(DemoPki ca, Path crl) throws IOException {
        try {
            return ca.crlOfSerials(ca.revokedSerials(crl), Duration.ofDays(CertsCommand.REVOKE_CRL_DAYS));
        } catch (GeneralSecurityException e) {
            throw new IOException("the demo CRL is not the demo CA's", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
