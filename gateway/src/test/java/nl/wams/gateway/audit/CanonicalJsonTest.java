package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The library's canonical form of the same members, by way of ordinary JSON. */
    private static String reference(Map<String, Object> members) throws Exception {
        return new JsonCanonicalizer(JSON.writeValueAsString(members)).getEncodedString();
    }

    @Property(tries = 2_000)
    void writesWhatTheReferenceImplementationWritesForAnyRecordShapedObject(
            @ForAll("members") Map<String, Object> members) throws Exception {
        assertThat(CanonicalJson.of(members)).isEqualTo(reference(members));
    }

    @Provide
    Arbitrary<Map<String, Object>> members() {
        // Any character, control characters, quotes, backslashes, non-BMP pairs and non-Latin keys.
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).filter(CanonicalJsonTest::wellFormed),
                Arbitraries.strings()
                        .withChars("\"\\\b\f\n\r\t\u0000\u001f\u007f\u2028é€")
                        .ofMaxLength(8),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(1)
                        .ofMaxLength(6)
                        .map(s -> s + "😀"));
        Arbitrary<Object> value = Arbitraries.oneOf(
                text.map(s -> (Object) s),
                Arbitraries.just(null),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(n -> (Object) n),
                Arbitraries.integers().map(n -> (Object) n),
                text.list().ofMaxSize(4).map(l -> (Object) l));
        return Combinators.combine(text, value)
                .as(java.util.AbstractMap.SimpleEntry::new)
                .list()
                .ofMaxSize(30)
                .map(entries -> {
                    Map<String, Object> map = new HashMap<>();
                    entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                    return map;
                });
    }

    /** RFC 8785 works on valid Unicode: no lone surrogates. */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sortsKeysByUtf16CodeUnitsAndEscapesOnlyWhatTheSchemeEscapes() {
        Map<String, Object> members = new HashMap<>();
        members.put("b", List.of("\u0001", "\u007f", "€"));
        members.put("a", null);
        members.put("\u20ac", 3);
        members.put("\ud83d\ude00", "\t\"\\/");
        assertThat(CanonicalJson.of(members))
                .isEqualTo("{\"a\":null,\"b\":[\"\\u0001\",\"\u007f\",\"€\"],\"€\":3,\"😀\":\"\\t\\\"\\\\/\"}");
    }

    @Test
    void refusesWhatHasNoExactCanonicalForm() {
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("n", (1L << 53) + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.of(Map.of("d", 1.5))).isInstanceOf(IllegalArgumentException.class);
    }
}
