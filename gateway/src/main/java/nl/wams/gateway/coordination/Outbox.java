package nl.wams.gateway.coordination;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerClient;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.register.Rules;

/**
 * Sends one signed message of the coordinated approach to another gateway, the one way every
 * provision, invitation, contribution and forwarded contribution leaves: the record
 * {@code VERSTREKKING_VERSTUURD} (and whatever the caller keeps alongside) is committed first
 * (fail closed: nothing leaves without it), then the message is signed and sent over mutual TLS,
 * and {@code VERSTREKKING_AFGELEVERD} records whether the other gateway took it in.
 */
public final class Outbox {

    private final PeerMessages messages;
    private final PeerSigner signer;
    private final PeerClient client;
    private final AuditLog auditLog;
    private final CaseAudit audit;

    public Outbox(PeerMessages messages, PeerSigner signer, PeerClient client, AuditLog auditLog, CaseAudit audit) {
        this.messages = messages;
        this.signer = signer;
        this.client = client;
        this.auditLog = auditLog;
        this.audit = audit;
    }

    /** Who receives a message: a party id (null for a served requester, known by its OIN), its OIN and its peer endpoint. */
    public record Recipient(String id, String oin, URI endpoint) {}

    /**
     * Sends {@code provision} to {@code to}. {@code before} runs in the transaction of the first
     * record, {@code after} (given the delivery) in that of the second; either may be null.
     *
     * @return {@link Part.Delivery#ONTVANGEN} when the other gateway took it in, else
     *     {@link Part.Delivery#NIET_AFGELEVERD}
     */
    public Part.Delivery send(
            Rules rules,
            Recipient to,
            PeerProvision provision,
            String user,
            String transactionId,
            InTransaction before,
            Function<Part.Delivery, InTransaction> after) {
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry(AuditEvent.VERSTREKKING_VERSTUURD, rules, to, provision, user, transactionId)
                        .fieldsRemoved(provision.removed())
                        .outcome(provision.kind().name(), null, null)
                        .build()),
                before);
        String jws = messages.signProvision(signer, to.oin(), messages.newMessageId(), provision);
        PartyHttp.Exchange exchange = client.send(to.endpoint(), jws, transactionId);
        boolean taken = exchange instanceof PartyHttp.Exchange.Received received
                && (received.status() == 200 || received.status() == 201);
        Part.Delivery delivered = taken ? Part.Delivery.ONTVANGEN : Part.Delivery.NIET_AFGELEVERD;
        String reason = exchange instanceof PartyHttp.Exchange.Received received
                ? "HTTP " + received.status()
                : ((PartyHttp.Exchange.Failed) exchange).reason();
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry(AuditEvent.VERSTREKKING_AFGELEVERD, rules, to, provision, user, transactionId)
                        .outcome(delivered.name(), null, taken ? null : reason)
                        .build()),
                after == null ? null : after.apply(delivered));
        return delivered;
    }

    private AuditEntry.Builder entry(
            AuditEvent event, Rules rules, Recipient to, PeerProvision provision, String user, String transactionId) {
        return audit.entry(
                        event,
                        transactionId,
                        rules,
                        provision.caseReference(),
                        provision.subjects().stream()
                                .map(PeerAnswer.Person::bsn)
                                .toList(),
                        user)
                .party(to.id(), to.oin())
                .categories(provision.categories(), provision.dataCategories());
    }

    /**
     * Asks the receiving gateway where a message stands ({@code GET <endpoint>/<reference>}); empty
     * when it cannot be reached or does not know it.
     */
    public Optional<PeerReceipt.Status> status(Recipient to, String reference) {
        PartyHttp.Exchange exchange = client.get(URI.create(to.endpoint() + "/" + reference));
        if (exchange instanceof PartyHttp.Exchange.Received received && received.status() == 200) {
            return PeerReceipt.read(received.body()).map(PeerReceipt::status);
        }
        return Optional.empty();
    }
}
