package nl.wams.adapters.peer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.Referral;
import nl.wams.adapters.ReferralAdapter;
import nl.wams.adapters.ReferralResult;

/**
 * Routes a signal to a desk that runs its own wams gateway: one signed {@link PeerProvision} of
 * kind {@link PeerProvision.Kind#MELDING} over mutual TLS to its {@code /peer/v1/verstrekkingen}.
 * The desk's gateway holds it until a professional there takes it on or declines it; {@link
 * #status} asks where it stands ({@code GET .../verstrekkingen/<routing>}), which is all the
 * sender may learn.
 */
public final class PeerReferralAdapter implements ReferralAdapter {

    private final URI endpoint;
    private final String deskOin;
    private final PeerMessages messages;
    private final PeerSigner signer;
    private final PeerClient client;

    /**
     * @param endpoint the desk gateway's {@code .../peer/v1/verstrekkingen}
     * @param deskOin the OIN the message is addressed to (its {@code aud})
     */
    public PeerReferralAdapter(
            URI endpoint, String deskOin, PeerMessages messages, PeerSigner signer, PeerClient client) {
        this.endpoint = endpoint;
        this.deskOin = deskOin;
        this.messages = messages;
        this.signer = signer;
        this.client = client;
    }

    @Override
    public ReferralResult route(Referral referral) {
        PeerProvision provision = new PeerProvision(
                PeerProvision.Kind.MELDING,
                referral.routing(),
                referral.reference(),
                referral.purpose(),
                referral.legalBasis(),
                null,
                null,
                null,
                null,
                List.of(Referral.CATEGORY),
                List.of(new PeerAnswer.Person(referral.bsn(), Map.of(Referral.CATEGORY, referral.fields()))),
                referral.removed());
        String jws = messages.signProvision(signer, deskOin, messages.newMessageId(), provision);
        PartyHttp.Exchange exchange = client.send(endpoint, jws, referral.transactionId());
        if (exchange instanceof PartyHttp.Exchange.Failed failed) {
            return new ReferralResult.Unreachable(failed.reason());
        }
        PartyHttp.Exchange.Received received = (PartyHttp.Exchange.Received) exchange;
        if (received.status() >= 500) {
            return new ReferralResult.Unreachable("desk gateway answered HTTP " + received.status());
        }
        if (received.status() == 200 || received.status() == 201) {
            return PeerReceipt.read(received.body())
                    .<ReferralResult>map(r -> new ReferralResult.Held(referral.routing()))
                    .orElseGet(() -> new ReferralResult.InvalidAnswer("answer is not a receipt"));
        }
        // The desk gateway refused the message itself (not served, invalid, not trusted): a
        // problem of configuration, never of the signal; the operator reads the ground in its log.
        return new ReferralResult.InvalidAnswer("desk gateway refused the message: HTTP " + received.status());
    }

    @Override
    public Optional<ReferralResult> status(String deskReference) {
        PartyHttp.Exchange exchange = client.get(URI.create(endpoint + "/" + deskReference));
        if (!(exchange instanceof PartyHttp.Exchange.Received received) || received.status() != 200) {
            return Optional.empty();
        }
        return PeerReceipt.read(received.body()).map(receipt -> switch (receipt.status()) {
            case OVERGENOMEN, BIJGEDRAGEN -> new ReferralResult.Accepted(deskReference);
            case AFGEWEZEN -> new ReferralResult.Refused(null);
            case VERWIJDERD -> new ReferralResult.Refused("niet opgepakt binnen de termijn van het loket");
            case ONTVANGEN -> new ReferralResult.Held(deskReference);
        });
    }
}
