package nl.wams.gateway.support;

import jakarta.jws.WebService;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import nl.wams.adapters.soap.generated.Huurachterstand;
import nl.wams.adapters.soap.generated.Huurder;
import nl.wams.adapters.soap.generated.HuurderInformatiePort;
import nl.wams.adapters.soap.generated.OnbekendeHuurder;
import nl.wams.adapters.soap.generated.OnbekendeHuurderFault;
import nl.wams.adapters.soap.generated.Overlast;
import nl.wams.adapters.soap.generated.Weigering;
import nl.wams.adapters.soap.generated.WeigeringFault;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * A real CXF SOAP endpoint of the fictional housing corporation, on an embedded Tomcat with
 * HTTPS that requires a client certificate (two-way TLS). Fictional data: the household client is a
 * tenant in arrears; the family member's data is withheld for weighty reasons; others are unknown.
 */
public final class StandInWoningcorporatie implements AutoCloseable {

    private final Tomcat tomcat;

    private StandInWoningcorporatie(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    public static StandInWoningcorporatie start(Path workDir, Path keyStore, Path trustStore, String password)
            throws Exception {
        Connector https = new Connector(Http11NioProtocol.class.getName());
        https.setPort(0);
        https.setProperty("address", "127.0.0.1");
        https.setScheme("https");
        https.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) https.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setCertificateVerification("required");
        ssl.setTruststoreFile(trustStore.toString());
        ssl.setTruststorePassword(password);
        ssl.setTruststoreType("PKCS12");
        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keyStore.toString());
        certificate.setCertificateKeystorePassword(password);
        certificate.setCertificateKeystoreType("PKCS12");
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        return new StandInWoningcorporatie(CxfTomcat.start(workDir, https, "/huurderinformatie", new Service()));
    }

    public String url() {
        return "https://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/soap/huurderinformatie";
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** The service implementation behind the generated interface. */
    @WebService(
            endpointInterface = "nl.wams.adapters.soap.generated.HuurderInformatiePort",
            targetNamespace = "urn:voorbeeld:woningcorporatie:huurderinformatie:v1",
            serviceName = "HuurderInformatieService",
            portName = "HuurderInformatiePort")
    public static final class Service implements HuurderInformatiePort {
        @Override
        public List<Huurder> zoekHuurders(String transactieId, String doel, List<String> categorie, List<String> bsn)
                throws WeigeringFault, OnbekendeHuurderFault {
            if (bsn.contains(Household.FAMILY_MEMBER)) {
                Weigering weigering = new Weigering();
                weigering.setGrond("ZWAARWEGENDE_REDENEN");
                weigering.setMotivering("Lopende procedure; geen verstrekking.");
                throw new WeigeringFault("geweigerd", weigering);
            }
            List<Huurder> found = new ArrayList<>();
            if (bsn.contains(Household.CLIENT)) {
                try {
                    Huurder huurder = new Huurder();
                    huurder.setBsn(Household.CLIENT);
                    huurder.setHuurderSinds(DatatypeFactory.newInstance().newXMLGregorianCalendar("2019-06-01"));
                    Huurachterstand arrears = new Huurachterstand();
                    arrears.setBedrag(new BigDecimal("1250.50"));
                    arrears.setMaanden(3);
                    arrears.setOntruimingAangezegd(false);
                    huurder.setHuurachterstand(arrears);
                    Overlast overlast = new Overlast();
                    overlast.setAantalMeldingen(2);
                    huurder.setOverlast(overlast);
                    found.add(huurder);
                } catch (DatatypeConfigurationException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (found.isEmpty()) {
                throw new OnbekendeHuurderFault("onbekend", new OnbekendeHuurder());
            }
            return found;
        }
    }
}
