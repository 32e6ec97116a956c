package nl.wams.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two organisations' {@code controle} exports ({@code audit export --format controle})
 * and lists every disagreement: a checkpoint one side witnessed that the other's log lacks or
 * holds with another hash (that log was changed after it was witnessed), and an exchange one side
 * logged with the other that the other did not log. Needs nothing of either gateway but the two
 * files.
 */
public final class Reconciliation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reconciliation() {}

    /** One organisation's export. */
    public record Side(
            String oin,
            Map<String, String> checkpoints,
            List<JsonNode> witnessed,
            List<JsonNode> exchanges,
            Set<String> spans,
            Map<String, String> outcomes) {}

    /** Reads an export; the organisation is the one whose checkpoints and exchanges it holds. */
    public static Side read(Path file) throws IOException {
        String oin = null;
        Map<String, String> checkpoints = new HashMap<>();
        List<JsonNode> witnessed = new ArrayList<>();
        List<JsonNode> exchanges = new ArrayList<>();
        Set<String> spans = new HashSet<>();
        Map<String, String> outcomes = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            switch (node.path("soort").asText()) {
                case "controlepunt" -> {
                    oin = node.path("oin").asText();
                    checkpoints.put(
                            node.path("node").asText() + "#" + node.path("seq").asLong(),
                            node.path("hash").asText());
                }
                case "getuigd" -> witnessed.add(node);
                case "uitwisseling" -> {
                    oin = node.path("oin").asText();
                    exchanges.add(node);
                    spans.add(node.path("trace_id").asText() + "/"
                            + node.path("span_id").asText());
                }
                case "uitkomst" ->
                    outcomes.put(
                            node.path("trace_id").asText() + "/"
                                    + node.path("met").asText(),
                            node.path("uitkomst").asText());
                default -> throw new IOException("not a controle export: " + file);
            }
        }
        return new Side(oin, checkpoints, witnessed, exchanges, spans, outcomes);
    }

    /** Every disagreement between the two sides, in words; empty when they agree. */
    public static List<String> compare(Side a, Side b) {
        List<String> disagreements = new ArrayList<>();
        witnesses(a, b, disagreements);
        witnesses(b, a, disagreements);
        exchanges(a, b, disagreements);
        exchanges(b, a, disagreements);
        outcomes(a, b, disagreements);
        return disagreements;
    }

    /** What {@code witness} recorded of {@code logged}'s checkpoints, against {@code logged}'s own. */
    private static void witnesses(Side logged, Side witness, List<String> disagreements) {
        for (JsonNode w : witness.witnessed()) {
            if (!w.path("oin").asText().equals(logged.oin())) {
                continue;
            }
            String where = w.path("node").asText() + "#" + w.path("seq").asLong();
            String hash = logged.checkpoints().get(where);
            String place = "checkpoint node " + w.path("node").asText() + " seq "
                    + w.path("seq").asLong() + " of " + logged.oin();
            if (hash == null) {
                disagreements.add(
                        place + ": witnessed by " + witness.oin() + ", missing from " + logged.oin() + "'s log");
            } else if (!hash.equals(w.path("hash").asText())) {
                disagreements.add(place + ": hash " + hash + " differs from the hash " + witness.oin() + " witnessed ("
                        + w.path("hash").asText() + "): the log was changed after it was witnessed");
            }
        }
    }

    /** The last outcome each side recorded for an exchange between them, where both recorded one. */
    private static void outcomes(Side a, Side b, List<String> disagreements) {
        a.outcomes().forEach((key, outcome) -> {
            if (!key.endsWith("/" + b.oin())) {
                return;
            }
            String trace = key.substring(0, key.indexOf('/'));
            String theirs = b.outcomes().get(trace + "/" + a.oin());
            if (theirs != null && !theirs.equals(outcome)) {
                disagreements.add("exchange in transaction " + trace + ": " + a.oin() + " recorded " + outcome + ", "
                        + b.oin() + " recorded " + theirs);
            }
        });
    }

    /** Each exchange {@code one} logged with {@code other}, looked up in {@code other}'s log by the derived span. */
    private static void exchanges(Side one, Side other, List<String> disagreements) {
        for (JsonNode x : one.exchanges()) {
            if (!x.path("met").asText().equals(other.oin())) {
                continue;
            }
            String counterpart = x.path("trace_id").asText() + "/"
                    + x.path("foreign_span_id").asText();
            if (!other.spans().contains(counterpart)) {
                disagreements.add("exchange in transaction "
                        + x.path("trace_id").asText() + " ("
                        + x.path("gebeurtenis").asText() + "): logged by " + one.oin() + ", not by " + other.oin());
            }
        }
    }
}
