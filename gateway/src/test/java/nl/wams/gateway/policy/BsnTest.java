package nl.wams.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {

    @ParameterizedTest
    @ValueSource(strings = {"999990019", "999990032", "999993653", "123456782", "111222333"})
    void acceptsNumbersThatPassTheElevenTest(String bsn) {
        assertThat(Bsn.isValid(bsn)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "999990010",
                "123456789",
                "12345678",
                "1234567820",
                "12345678a",
                " 99999001",
                "000000000",
                "99999001９"
            })
    void rejectsEverythingElse(String candidate) {
        assertThat(Bsn.isValid(candidate)).isFalse();
    }
}
