package nl.wams.gateway.minimisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import nl.wams.adapters.FieldType;
import org.junit.jupiter.api.Test;

class TransformTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Optional<String> apply(Transform transform, String value) {
        return transform.apply(json(value)).map(JsonNode::toString);
    }

    @Test
    void keepReleasesTheValueAsItIs() {
        assertThat(apply(new Transform.Keep(), "{\"a\":[1,2]}")).contains("{\"a\":[1,2]}");
    }

    @Test
    void yearOnlyKeepsTheYearOfDatesAndDateTimes() {
        Transform year = new Transform.YearOnly();
        assertThat(apply(year, "\"2025-03-01\"")).contains("2025");
        assertThat(apply(year, "\"2025-03\"")).contains("2025");
        assertThat(apply(year, "\"2025-03-01T10:15:00Z\"")).contains("2025");
        assertThat(apply(year, "\"1 maart 2025\"")).isEmpty();
        assertThat(apply(year, "20250301")).isEmpty();
    }

    @Test
    void presenceOnlyTellsWhetherThereIsSomething() {
        Transform presence = new Transform.PresenceOnly();
        assertThat(apply(presence, "\"F32.1\"")).contains("true");
        assertThat(apply(presence, "[1]")).contains("true");
        assertThat(apply(presence, "null")).contains("false");
        assertThat(apply(presence, "\"\"")).contains("false");
        assertThat(apply(presence, "[]")).contains("false");
        assertThat(apply(presence, "{}")).contains("false");
    }

    @Test
    void countOnlyCountsListsAndNothingElse() {
        assertThat(apply(new Transform.CountOnly(), "[\"a\",\"b\",\"c\"]")).contains("3");
        assertThat(apply(new Transform.CountOnly(), "\"abc\"")).isEmpty();
    }

    @Test
    void maskKeepsOnlyTheLastCharactersAndNeverAWholeValue() {
        assertThat(apply(new Transform.Mask(2), "\"0612345678\"")).contains("\"********78\"");
        assertThat(apply(new Transform.Mask(4), "\"ab\"")).contains("\"**\"");
        assertThat(apply(new Transform.Mask(2), "123456")).contains("\"****56\"");
        assertThat(apply(new Transform.Mask(0), "\"geheim\"")).contains("\"******\"");
        assertThat(apply(new Transform.Mask(2), "[1]")).isEmpty();
    }

    @Test
    void truncateCutsTextToItsLength() {
        assertThat(apply(new Transform.Truncate(5), "\"ambulante behandeling\""))
                .contains("\"ambul\"");
        assertThat(apply(new Transform.Truncate(50), "\"kort\"")).contains("\"kort\"");
        assertThat(apply(new Transform.Truncate(2), "\"😀😀😀\"")).contains("\"😀😀\"");
        assertThat(apply(new Transform.Truncate(5), "12")).isEmpty();
    }

    @Test
    void coarseMapsToAClassOrFallbackOrRemoves() {
        Transform withFallback =
                new Transform.Coarse("zorg", Map.of("klinische opname", "ggz-behandeling"), "ggz-overig");
        Transform strict = new Transform.Coarse("zorg", Map.of("klinische opname", "ggz-behandeling"), null);

        assertThat(apply(withFallback, "\"klinische opname\"")).contains("\"ggz-behandeling\"");
        assertThat(apply(withFallback, "\"iets anders\"")).contains("\"ggz-overig\"");
        assertThat(apply(strict, "\"iets anders\"")).isEmpty();
        assertThat(apply(strict, "1")).isEmpty();
    }

    @Test
    void specsAreReadAsConfigured() {
        Map<String, CoarseTable> tables = Map.of("zorg", new CoarseTable(Map.of("a", "b"), null));

        assertThat(TransformSpec.parse(json("\"keep\""), tables)).isEqualTo(new Transform.Keep());
        assertThat(TransformSpec.parse(json("{\"mask\":2}"), tables)).isEqualTo(new Transform.Mask(2));
        assertThat(TransformSpec.parse(json("{\"truncate\":20}"), tables)).isEqualTo(new Transform.Truncate(20));
        assertThat(TransformSpec.parse(json("{\"coarse\":\"zorg\"}"), tables).describe())
                .isEqualTo("coarse: zorg");
        assertThatThrownBy(() -> TransformSpec.parse(json("{\"coarse\":\"x\"}"), tables))
                .hasMessage("unknown coarse table 'x'");
        assertThatThrownBy(() -> TransformSpec.parse(json("\"hash\""), tables)).hasMessage("unknown transform 'hash'");
    }

    @Test
    void minimisingTwiceChangesNothing() {
        Transform coarse = new Transform.Coarse("zorg", Map.of("klinische opname", "ggz-behandeling"), "ggz-overig");
        assertThat(apply(new Transform.YearOnly(), "2025")).contains("2025");
        assertThat(apply(new Transform.YearOnly(), "12")).isEmpty();
        assertThat(apply(new Transform.PresenceOnly(), "false")).contains("false");
        assertThat(apply(new Transform.CountOnly(), "3")).contains("3");
        assertThat(apply(new Transform.CountOnly(), "-1")).isEmpty();
        assertThat(apply(coarse, "\"ggz-behandeling\"")).contains("\"ggz-behandeling\"");
        assertThat(apply(coarse, "\"ggz-overig\"")).contains("\"ggz-overig\"");
    }

    @Test
    void eachTransformSaysWhichCatalogueTypesItFits() {
        assertThat(new Transform.YearOnly().fits(FieldType.DATE)).isTrue();
        assertThat(new Transform.YearOnly().fits(FieldType.STRING)).isFalse();
        assertThat(new Transform.CountOnly().fits(FieldType.LIST)).isTrue();
        assertThat(new Transform.CountOnly().fits(FieldType.DATE)).isFalse();
        assertThat(new Transform.Mask(4).fits(FieldType.INTEGER)).isTrue();
        assertThat(new Transform.Mask(4).fits(FieldType.BOOLEAN)).isFalse();
        assertThat(new Transform.Truncate(10).fits(FieldType.STRING)).isTrue();
        assertThat(new Transform.Truncate(10).fits(FieldType.LIST)).isFalse();
        for (FieldType type : FieldType.values()) {
            assertThat(new Transform.Keep().fits(type)).isTrue();
            assertThat(new Transform.PresenceOnly().fits(type)).isTrue();
        }
    }
}
