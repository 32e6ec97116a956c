package nl.wams.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.Referral;
import nl.wams.adapters.ReferralAdapter;
import nl.wams.adapters.ReferralResult;

/**
 * Routes a signal to a desk's REST/JSON service with one POST (docs/meldpunt.md has the
 * contract): 200, 201 or 202 is taken on (with the desk's {@code referentie}, if any); 403, 409
 * or 422 is declined (with its {@code reden}); timeout, connection failure or 5xx is unreachable;
 * anything else, or an answer that is not a JSON object, is an invalid answer.
 */
public final class RestReferralAdapter implements ReferralAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_ANSWER_BYTES = 64 * 1024;

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public RestReferralAdapter(URI url, Duration timeout, SSLContext sslContext) {
        this.url = url;
        this.timeout = timeout;
        this.client = PartyHttp.client(timeout, sslContext);
    }

    @Override
    public ReferralResult route(Referral referral) {
        PartyHttp.Exchange exchange = PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Fsc-Transaction-Id", referral.transactionId())
                        .POST(HttpRequest.BodyPublishers.ofString(body(referral).toString()))
                        .build(),
                timeout,
                MAX_ANSWER_BYTES);
        if (exchange instanceof PartyHttp.Exchange.Failed failed) {
            return new ReferralResult.Unreachable(failed.reason());
        }
        return interpret((PartyHttp.Exchange.Received) exchange);
    }

    /** The body a desk receives: the routing's context and the signal's fields, nothing else. */
    static JsonNode body(Referral referral) {
        ObjectNode body = JSON.createObjectNode()
                .put("transactieId", referral.transactionId())
                .put("doel", referral.purpose());
        if (referral.legalBasis() != null) {
            body.put("grondslag", referral.legalBasis());
        }
        ObjectNode signal = body.putObject("melding")
                .put("referentie", referral.reference())
                .put("doorgeleiding", referral.routing());
        if (referral.bsn() != null) {
            signal.put("bsn", referral.bsn());
        }
        referral.fields().forEach(signal.putObject("gegevens")::set);
        referral.removed().forEach(signal.putArray("verwijderd")::add);
        return body;
    }

    private static ReferralResult interpret(PartyHttp.Exchange.Received answer) {
        int status = answer.status();
        if (status >= 500) {
            return new ReferralResult.Unreachable("desk answered HTTP " + status);
        }
        boolean taken = status == 200 || status == 201 || status == 202;
        boolean declined = status == 403 || status == 409 || status == 422;
        if (!taken && !declined) {
            return new ReferralResult.InvalidAnswer("unexpected HTTP status " + status);
        }
        if (answer.larger(MAX_ANSWER_BYTES)) {
            return new ReferralResult.InvalidAnswer("answer larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (IOException e) {
            return new ReferralResult.InvalidAnswer("answer is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new ReferralResult.InvalidAnswer("answer is not a JSON object");
        }
        if (declined) {
            JsonNode reason = node.path("reden");
            return new ReferralResult.Refused(ReferralResult.reason(reason.isTextual() ? reason.asText() : null));
        }
        JsonNode reference = node.path("referentie");
        return new ReferralResult.Accepted(reference.isTextual() ? ReferralResult.reason(reference.asText()) : null);
    }
}
