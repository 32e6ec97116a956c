package nl.wams.gateway.minimisation;

import static nl.wams.gateway.minimisation.TransformTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CategoryProfileTest {

    static CategoryProfile profile(Object... pathsAndTransforms) {
        Map<FieldPath, Transform> rules = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTransforms.length; i += 2) {
            rules.put(FieldPath.parse((String) pathsAndTransforms[i]), (Transform) pathsAndTransforms[i + 1]);
        }
        return CategoryProfile.compile("cat", rules);
    }

    static Map<String, JsonNode> fields(String json) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        json(json).fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
        return fields;
    }

    @Test
    void removesEverythingNotAllowedAndNamesIt() {
        List<String> removed = new ArrayList<>();
        var released = profile("naam", new Transform.Keep(), "sinds", new Transform.YearOnly())
                .release(fields("{\"naam\":\"T. Verbeek\",\"sinds\":\"2025-03-01\",\"diagnose\":\"F32\"}"), removed);

        assertThat(released).containsOnlyKeys("naam", "sinds");
        assertThat(released.get("sinds").asInt()).isEqualTo(2025);
        assertThat(removed).containsExactly("cat.diagnose");
    }

    @Test
    void nestedObjectsPassOnlyTheirAllowedMembers() {
        List<String> removed = new ArrayList<>();
        var released = profile("adres.woonplaats", new Transform.Keep())
                .release(
                        fields("{\"adres\":{\"straat\":\"Dorpsstraat 1\",\"woonplaats\":\"Voorbeeldstad\"}}"), removed);

        assertThat(released.get("adres").toString()).isEqualTo("{\"woonplaats\":\"Voorbeeldstad\"}");
        assertThat(removed).containsExactly("cat.adres.straat");
    }

    @Test
    void listElementsAreFilteredOneByOne() {
        List<String> removed = new ArrayList<>();
        var released = profile("voorzieningen[].naam", new Transform.Keep(), "trajecten[]", new Transform.Truncate(3))
                .release(fields("""
                        {"voorzieningen":[{"naam":"bewind","kosten":10},{"naam":"wmo"}],"trajecten":["abcdef",7]}"""), removed);

        assertThat(released.get("voorzieningen").toString()).isEqualTo("[{\"naam\":\"bewind\"},{\"naam\":\"wmo\"}]");
        assertThat(released.get("trajecten").toString()).isEqualTo("[\"abc\"]");
        assertThat(removed).containsExactly("cat.voorzieningen[].kosten", "cat.trajecten[]");
    }

    @Test
    void aValueOfTheWrongShapeIsRemovedNotReleased() {
        List<String> removed = new ArrayList<>();
        var released = profile("adres.woonplaats", new Transform.Keep(), "lijst[]", new Transform.Keep())
                .release(fields("{\"adres\":\"Dorpsstraat 1, Voorbeeldstad\",\"lijst\":{\"a\":1}}"), removed);

        assertThat(released).isEmpty();
        assertThat(removed).containsExactly("cat.adres", "cat.lijst");
    }

    @Test
    void overlappingPathsAreRefused() {
        assertThatThrownBy(() -> profile("adres", new Transform.Keep(), "adres.woonplaats", new Transform.Keep()))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> profile("adres.woonplaats", new Transform.Keep(), "adres", new Transform.Keep()))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> profile("lijst[]", new Transform.Keep(), "lijst.x", new Transform.Keep()))
                .hasMessageContaining("overlaps");
    }

    @Test
    void fieldPathsParseAndRejectNonsense() {
        assertThat(FieldPath.parse("voorzieningen[].naam").steps())
                .containsExactly(new FieldPath.Step("voorzieningen", true), new FieldPath.Step("naam", false));
        assertThat(FieldPath.isValid("a..b")).isFalse();
        assertThat(FieldPath.isValid("a[0]")).isFalse();
        assertThat(FieldPath.isValid("A")).isFalse();
    }

    @Test
    void filterWithoutAProfileReleasesNothing() {
        MinimisationFilter filter = new MinimisationFilter(Map.of());

        var released = filter.release("onderzoek", "schulden", fields("{\"totaalbedrag\":100}"));

        assertThat(released.fields()).isEmpty();
        assertThat(released.removed()).containsExactly("schulden.totaalbedrag");
    }
}
