package nl.wams.gateway.federation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.TransactionIds;
import nl.wams.adapters.peer.Witness;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;

/**
 * Witnessing between gateways (docs/audit.md, "Witnesses"): every peer message this gateway signs
 * carries its latest signed checkpoint, and every checkpoint another gateway's message carries is
 * recorded in this gateway's own chain ({@code CONTROLEPUNT_GETUIGD}), once per new checkpoint of
 * that gateway's node. Fails closed: a checkpoint that cannot be recorded refuses the message.
 */
public final class Witnesses implements Witness.Source, Witness.Sink {

    private final AuditLog auditLog;
    private final String ownOin;
    private final TransactionIds transactionIds;
    /** The highest sequence number recorded per sender and node. */
    private final Map<String, Long> recorded = new ConcurrentHashMap<>();

    public Witnesses(AuditLog auditLog, String ownOin, Clock clock) {
        this.auditLog = auditLog;
        this.ownOin = ownOin;
        this.transactionIds = new TransactionIds(clock);
    }

    @Override
    public Optional<Witness> latest() {
        return auditLog.latestCheckpoint().map(c -> new Witness(c.nodeId(), c.seq(), c.hash()));
    }

    @Override
    public void witnessed(String senderOin, Witness witness) {
        String key = senderOin + "/" + witness.node();
        Long before = recorded.get(key);
        if (before != null && before >= witness.seq()) {
            return;
        }
        String tx = transactionIds.next().toString();
        auditLog.append(
                TraceIds.of(tx),
                List.of(AuditEntry.of(AuditEvent.CONTROLEPUNT_GETUIGD, tx)
                        .requester(ownOin, "peer:" + senderOin)
                        .party(null, senderOin)
                        .outcome("GETUIGD", null, witness.node() + " " + witness.seq() + " " + witness.hash())
                        .build()));
        recorded.merge(key, witness.seq(), Math::max);
    }
}
