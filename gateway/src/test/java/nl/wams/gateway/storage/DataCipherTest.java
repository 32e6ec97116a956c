package nl.wams.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataCipherTest {

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    final DataCipher cipher = new DataCipher(key(1));

    @Test
    void sealedValuesOpenOnlyForTheirRowWithTheirKey() {
        String sealed = cipher.seal("{\"bsn\":\"999990019\"}", "row-1");

        assertThat(sealed).doesNotContain("999990019");
        assertThat(cipher.open(sealed, "row-1")).isEqualTo("{\"bsn\":\"999990019\"}");
        assertThatThrownBy(() -> cipher.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DataCipher(key(2)).open(sealed, "row-1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everySealUsesAFreshNonceAndTamperingIsDetected() {
        String first = cipher.seal("same", "row");
        String second = cipher.seal("same", "row");
        char last = first.charAt(first.length() - 3);
        String tampered = first.substring(0, first.length() - 3)
                + (last == 'A' ? 'B' : 'A')
                + first.substring(first.length() - 2);

        assertThat(first).isNotEqualTo(second);
        assertThatThrownBy(() -> cipher.open(tampered, "row")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new DataCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
