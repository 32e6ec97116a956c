package nl.wams.gateway.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Serves the demo CA's CRL at the loopback URL its certificates name, read from the file on every
 * request, so that {@code certs revoke} takes effect while the demo runs (the JDK keeps a fetched
 * CRL for a short while). Demo only.
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

    /** Serves {@code crl} at {@code url} (a loopback http URL). */
    static DemoCrlServer start(URI url, Path crl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", url.getPort()), 0);
        server.createContext(url.getPath(), exchange -> {
            try (exchange) {
                byte[] body = Files.readAllBytes(crl);
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

    @Override
    public void close() {
        server.stop(0);
    }
}
