package nl.wams.adapters.soap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.ArrayList;
import java.util.List;
import nl.wams.adapters.Referral;
import nl.wams.adapters.ReferralAdapter;
import nl.wams.adapters.ReferralResult;
import nl.wams.adapters.soap.meldingontvangst.AfwijzingFault;
import nl.wams.adapters.soap.meldingontvangst.Gegeven;
import nl.wams.adapters.soap.meldingontvangst.MeldingOntvangstPort;

/**
 * Routes a signal to a desk's SOAP 1.1 service {@code MeldingOntvangst} (WSDL-first, generated
 * with CXF): each field one {@code gegeven} (text as is, anything else as JSON). The answer is
 * taken on (with the desk's reference); the {@code Afwijzing} fault is declined with its reason;
 * other faults and untrusted XML are invalid answers; timeouts and connection failures are
 * unreachable.
 */
public final class SoapReferralAdapter implements ReferralAdapter {

    private final MeldingOntvangstPort port;

    public SoapReferralAdapter(SoapAdapterSettings settings) {
        this.port = SoapClients.create(MeldingOntvangstPort.class, settings);
    }

    @Override
    public ReferralResult route(Referral referral) {
        List<Gegeven> fields = new ArrayList<>();
        referral.fields().forEach((name, value) -> {
            Gegeven field = new Gegeven();
            field.setNaam(name);
            field.setWaarde(text(value));
            fields.add(field);
        });
        try {
            String reference = port.biedMeldingAan(
                    referral.transactionId(),
                    referral.purpose(),
                    referral.legalBasis(),
                    referral.reference(),
                    referral.routing(),
                    referral.bsn(),
                    fields,
                    new ArrayList<>(referral.removed()));
            return new ReferralResult.Accepted(ReferralResult.reason(reference));
        } catch (AfwijzingFault fault) {
            var info = fault.getFaultInfo();
            return new ReferralResult.Refused(ReferralResult.reason(info == null ? null : info.getReden()));
        } catch (SOAPFaultException fault) {
            return new ReferralResult.InvalidAnswer("SOAP fault that is not part of the contract");
        } catch (WebServiceException e) {
            SoapClients.Failure failure = SoapClients.classify(e);
            return failure instanceof SoapClients.Failure.Unreachable
                    ? new ReferralResult.Unreachable(failure.reason())
                    : new ReferralResult.InvalidAnswer(failure.reason());
        }
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
