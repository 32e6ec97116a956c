package nl.wams.adapters.soap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.datatype.XMLGregorianCalendar;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.RefusalGround;
import nl.wams.adapters.soap.generated.Huurder;
import nl.wams.adapters.soap.generated.HuurderInformatiePort;
import nl.wams.adapters.soap.generated.OnbekendeHuurderFault;
import nl.wams.adapters.soap.generated.WeigeringFault;

/**
 * Asks the (fictional) housing corporation's SOAP 1.1 document/literal service, generated
 * WSDL-first with CXF, and maps its typed answer onto the catalogue's canonical fields. Business
 * faults map to outcomes (refusal with ground, unknown tenant); anything the gateway cannot trust
 * (other faults, malformed or oversized XML, DTDs and external entities, which CXF's hardened
 * parser never resolves) is an invalid answer; timeouts and connection failures are unreachable.
 */
public final class SoapPartyAdapter implements PartyAdapter {

    /** The categories this service can answer. */
    public static final Set<String> CATEGORIES =
            Set.of("bekend-bij", "huurachterstand", "huurcontract", "overlastmeldingen");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HuurderInformatiePort port;

    public SoapPartyAdapter(SoapAdapterSettings settings) {
        this.port = SoapClients.create(HuurderInformatiePort.class, settings);
    }

    @Override
    public AdapterResult fetch(AdapterRequest request) {
        List<String> bsns =
                request.subjects().stream().map(AdapterRequest.Subject::bsn).toList();
        try {
            return map(
                    request, port.zoekHuurders(request.transactionId(), request.purpose(), request.categories(), bsns));
        } catch (WeigeringFault fault) {
            var info = fault.getFaultInfo();
            return RefusalGround.parse(info == null ? null : info.getGrond())
                    .<AdapterResult>map(g -> new AdapterResult.Refused(g, info.getMotivering()))
                    .orElseGet(() -> new AdapterResult.InvalidAnswer("refusal fault with an unknown ground"));
        } catch (OnbekendeHuurderFault fault) {
            return new AdapterResult.NotKnown();
        } catch (SOAPFaultException fault) {
            return new AdapterResult.InvalidAnswer("SOAP fault that is not part of the contract");
        } catch (WebServiceException e) {
            return transportOrInvalid(e);
        }
    }

    private static AdapterResult transportOrInvalid(WebServiceException e) {
        SoapClients.Failure failure = SoapClients.classify(e);
        return failure instanceof SoapClients.Failure.Unreachable
                ? new AdapterResult.Unreachable(failure.reason())
                : new AdapterResult.InvalidAnswer(failure.reason());
    }

    private static AdapterResult map(AdapterRequest request, List<Huurder> answer) {
        Set<String> asked =
                request.subjects().stream().map(AdapterRequest.Subject::bsn).collect(Collectors.toSet());
        List<AdapterResult.SubjectData> known = new ArrayList<>();
        for (Huurder huurder : answer) {
            if (!asked.contains(huurder.getBsn())) {
                return new AdapterResult.InvalidAnswer("answer contains a subject that was not asked");
            }
            Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
            for (String category : request.categories()) {
                Map<String, JsonNode> fields = fields(category, huurder);
                if (!fields.isEmpty()) {
                    categories.put(category, fields);
                }
            }
            known.add(new AdapterResult.SubjectData(huurder.getBsn(), categories));
        }
        return known.isEmpty() ? new AdapterResult.NotKnown() : new AdapterResult.Answered(known);
    }

    /** The mapping of the service's types onto the catalogue's canonical fields, category by category. */
    static Map<String, JsonNode> fields(String category, Huurder h) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        switch (category) {
            case "bekend-bij" -> {
                fields.put("bekend", NODES.booleanNode(true));
                putDate(fields, "sinds", h.getHuurderSinds());
            }
            case "huurachterstand" -> {
                if (h.getHuurachterstand() != null) {
                    fields.put("bedrag", NODES.numberNode(h.getHuurachterstand().getBedrag()));
                    fields.put(
                            "maanden", NODES.numberNode(h.getHuurachterstand().getMaanden()));
                    fields.put(
                            "ontruimingAangezegd",
                            NODES.booleanNode(h.getHuurachterstand().isOntruimingAangezegd()));
                }
            }
            case "huurcontract" -> {
                if (h.getHuurcontract() != null) {
                    fields.put("status", NODES.textNode(h.getHuurcontract().getStatus()));
                    putDate(fields, "ingangsdatum", h.getHuurcontract().getIngangsdatum());
                }
            }
            case "overlastmeldingen" -> {
                if (h.getOverlast() != null) {
                    fields.put("aantal", NODES.numberNode(h.getOverlast().getAantalMeldingen()));
                    putDate(fields, "laatsteMelding", h.getOverlast().getLaatsteMelding());
                }
            }
            default -> {}
        }
        return fields;
    }

    private static void putDate(Map<String, JsonNode> fields, String name, XMLGregorianCalendar date) {
        if (date != null) {
            fields.put(
                    name,
                    NODES.textNode(String.format("%04d-%02d-%02d", date.getYear(), date.getMonth(), date.getDay())));
        }
    }
}
