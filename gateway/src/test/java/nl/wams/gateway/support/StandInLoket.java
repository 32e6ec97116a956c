package nl.wams.gateway.support;

import jakarta.jws.WebService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.wams.adapters.soap.meldingontvangst.Afwijzing;
import nl.wams.adapters.soap.meldingontvangst.AfwijzingFault;
import nl.wams.adapters.soap.meldingontvangst.Gegeven;
import nl.wams.adapters.soap.meldingontvangst.MeldingOntvangstPort;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A real CXF SOAP endpoint of a fictional desk (the service {@code MeldingOntvangst}) on an
 * embedded Tomcat: it keeps every signal it receives and takes it on with its own reference, or
 * declines it when the concern asks for that ("afwijzen" in it), so tests can check both.
 */
public final class StandInLoket implements AutoCloseable {

    /** One signal as the desk received it. */
    public record Received(String reference, String bsn, Map<String, String> fields, List<String> removed) {
        @Override
        public String toString() {
            return "Received[" + reference + "]";
        }
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat;

    private StandInLoket(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    public static StandInLoket start(Path workDir) throws Exception {
        Connector http = new Connector();
        http.setPort(0);
        http.setProperty("address", "127.0.0.1");
        return new StandInLoket(CxfTomcat.start(workDir, http, "/meldingontvangst", new Service()));
    }

    public String url() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/soap/meldingontvangst";
    }

    /** What the desk received, oldest first. */
    public List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** The desk's service behind the generated interface. */
    @WebService(
            endpointInterface = "nl.wams.adapters.soap.meldingontvangst.MeldingOntvangstPort",
            targetNamespace = "urn:voorbeeld:loket:meldingontvangst:v1",
            serviceName = "MeldingOntvangstService",
            portName = "MeldingOntvangstPort")
    public static final class Service implements MeldingOntvangstPort {
        @Override
        public String biedMeldingAan(
                String transactieId,
                String doel,
                String grondslag,
                String referentie,
                String doorgeleiding,
                String bsn,
                List<Gegeven> gegeven,
                List<String> verwijderd)
                throws AfwijzingFault {
            Map<String, String> fields = new LinkedHashMap<>();
            gegeven.forEach(g -> fields.put(g.getNaam(), g.getWaarde()));
            RECEIVED.add(new Received(referentie, bsn, fields, List.copyOf(verwijderd)));
            if (fields.getOrDefault("zorgen", "").contains("afwijzen")) {
                Afwijzing afwijzing = new Afwijzing();
                afwijzing.setReden("Niet onze doelgroep; probeer het wijkteam.");
                throw new AfwijzingFault("afgewezen", afwijzing);
            }
            return "SCHULD-" + RECEIVED.size();
        }
    }
}
