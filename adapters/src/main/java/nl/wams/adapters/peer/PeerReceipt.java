package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * What a gateway answers about a message of the coordinated approach it received: its own id
 * (only when it takes a message in) and where the message stands. The receiver writes it with
 * {@link #toJson()}; the sender reads it with {@link #read}. The one place these JSON names are
 * written.
 *
 * @param id the receiver's id of the message, or null in a status answer
 */
public record PeerReceipt(String id, Status status) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "id";
    private static final String STATUS = "status";

    /** Where a received message stands at the receiver; the sender may learn this and nothing else. */
    public enum Status {
        /** Held apart, waiting for a professional. */
        ONTVANGEN,
        /** Taken into the organisation's own file, with a motivation (which own task needs it). */
        OVERGENOMEN,
        /** Declined; deleted at the end of the term. */
        AFGEWEZEN,
        /** An invitation the professional contributed to. */
        BIJGEDRAGEN,
        /** Deleted at the end of the term (not adopted). */
        VERWIJDERD
    }

    public JsonNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        if (id != null) {
            node.put(ID, id);
        }
        return node.put(STATUS, status.name());
    }

    /** Reads what {@link #toJson()} wrote; empty when the bytes are not a receipt. */
    public static Optional<PeerReceipt> read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            String status = node.path(STATUS).asText("");
            for (Status s : Status.values()) {
                if (s.name().equals(status)) {
                    JsonNode id = node.get(ID);
                    return Optional.of(new PeerReceipt(id != null && id.isTextual() ? id.asText() : null, s));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
