package nl.wams.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTypeTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "STRING  | \"x\"          | true",
                "STRING  | 1              | false",
                "NUMBER  | 1.5            | true",
                "NUMBER  | \"1.5\"        | false",
                "INTEGER | 3              | true",
                "INTEGER | 3.5            | false",
                "BOOLEAN | true           | true",
                "BOOLEAN | \"true\"       | false",
                "DATE    | \"2026-02-28\" | true",
                "DATE    | \"2026-02-30\" | false",
                "DATE    | \"28-02-2026\" | false",
                "LIST    | [1,2]          | true",
                "LIST    | {}             | false",
                "OBJECT  | {\"a\":1}      | true",
                "OBJECT  | []             | false",
                "STRING  | null           | true"
            })
    void acceptsOnlyValuesOfItsType(FieldType type, String json, boolean accepted) throws Exception {
        assertThat(type.accepts(JSON.readTree(json))).isEqualTo(accepted);
    }
}
