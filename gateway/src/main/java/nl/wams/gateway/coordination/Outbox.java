package nl.wams.gateway.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.peer.PeerClient;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerSigner;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerMessages messages;
    private final PeerSigner signer;
    private final PeerClient client;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final Clock clock;

    public Outbox(
            PeerMessages messages,
            PeerSigner signer,
            PeerClient client,
            AuditLog auditLog,
            CaseAudit audit,
            Clock clock) {
        this.messages = messages;
        this.signer = signer;
        this.client = client;
        this.auditLog = auditLog;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who receives a message: a party id or a served requester's name for the log, its OIN and peer endpoint. */
    public record Recipient(String id, String oin, URI endpoint) {}

    /** Whether the other gateway took the message in. */
    public enum Delivered {
        ONTVANGEN,
        NIET_AFGELEVERD
    }

    /**
     * Sends {@code provision} to {@code to}. {@code before} runs in the transaction of the first
     * record, {@code after} (given the delivery) in that of the second.
     *
     * @return whether it was delivered
     */
    public Delivered send(
            Rules rules,
            Recipient to,
            PeerProvision provision,
            String user,
            String transactionId,
            InTransaction before,
            java.util.function.Function<Delivered, InTransaction> after) {
        List<String> bsns = provision.subjects().stream().map(p -> p.bsn()).toList();
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.VERSTREKKING_VERSTUURD,
                                transactionId,
                                rules,
                                provision.caseReference(),
                                bsns,
                                user)
                        .party(to.id(), to.oin())
                        .categories(provision.categories(), provision.dataCategories())
                        .fieldsRemoved(provision.removed())
                        .outcome(provision.kind().name(), null, null)
                        .build()),
                before);
        String jws = messages.signProvision(signer, to.oin(), UUID.randomUUID().toString(), provision);
        PartyHttp.Exchange exchange = client.send(to.endpoint(), jws, transactionId);
        Delivered delivered = exchange instanceof PartyHttp.Exchange.Received received
                        && (received.status() == 200 || received.status() == 201)
                ? Delivered.ONTVANGEN
                : Delivered.NIET_AFGELEVERD;
        String reason = exchange instanceof PartyHttp.Exchange.Received received
                ? "HTTP " + received.status()
                : ((PartyHttp.Exchange.Failed) exchange).reason();
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.VERSTREKKING_AFGELEVERD,
                                transactionId,
                                rules,
                                provision.caseReference(),
                                bsns,
                                user)
                        .party(to.id(), to.oin())
                        .categories(provision.categories(), provision.dataCategories())
                        .outcome(delivered.name(), null, delivered == Delivered.ONTVANGEN ? null : reason)
                        .build()),
                after.apply(delivered));
        return delivered;
    }

    /**
     * Asks the receiving gateway where a message stands ({@code GET <endpoint>/<reference>}); empty
     * when it cannot be reached or does not know it.
     */
    public Optional<String> status(Recipient to, String reference) {
        PartyHttp.Exchange exchange = client.get(URI.create(to.endpoint() + "/" + reference));
        if (exchange instanceof PartyHttp.Exchange.Received received && received.status() == 200) {
            try {
                JsonNode status = JSON.readTree(received.body()).path("status");
                return status.isTextual() ? Optional.of(status.asText()) : Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }
}
