package nl.wams.gateway.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.gateway.config.Catalogue;

/**
 * Data of the coordinated approach, provided by a coordinator or received from another gateway,
 * holds only categories and fields of the catalogue, each value of its field's type. The one check
 * both the sending and the receiving side use.
 */
public final class CatalogueCheck {

    private CatalogueCheck() {}

    /** The place of the first category, field or value that is not what the catalogue says; empty when all is. */
    public static Optional<String> firstProblem(Catalogue catalogue, List<PeerAnswer.Person> people) {
        for (int i = 0; i < people.size(); i++) {
            for (Map.Entry<String, Map<String, JsonNode>> category :
                    people.get(i).data().entrySet()) {
                String where = "personen[" + i + "].gegevens." + category.getKey();
                Optional<Catalogue.Category> known = catalogue.category(category.getKey());
                if (known.isEmpty()) {
                    return Optional.of(where);
                }
                for (Map.Entry<String, JsonNode> field : category.getValue().entrySet()) {
                    Catalogue.Field definition = known.get().fields().get(field.getKey());
                    if (definition == null || !definition.type().accepts(field.getValue())) {
                        return Optional.of(where + "." + field.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
