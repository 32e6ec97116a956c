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

    @Test
    void aRotatedKeySealsNewValuesAndTheOldKeyStillOpensWhatItSealedUntilResealed() {
        String old = cipher.seal("oud", "row");
        DataCipher rotated = new DataCipher(key(2), java.util.List.of(key(1)));

        assertThat(old).startsWith(DataCipher.id(key(1)) + ":");
        assertThat(rotated.open(old, "row")).isEqualTo("oud");
        assertThat(rotated.current(old)).isFalse();
        String resealed = rotated.reseal(old, "row");
        assertThat(rotated.current(resealed)).isTrue();
        assertThat(new DataCipher(key(2)).open(resealed, "row")).isEqualTo("oud");
        assertThatThrownBy(() -> new DataCipher(key(2)).open(old, "row"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void valuesSealedBeforeKeyIdsExistedOpenWithWhicheverConfiguredKeyAuthenticatesThem() {
        String withoutId = cipher.seal("vroeger", "row").substring(17);
        assertThat(new DataCipher(key(2), java.util.List.of(key(1))).open(withoutId, "row"))
                .isEqualTo("vroeger");
        assertThatThrownBy(() -> new DataCipher(key(2)).open(withoutId, "row"))
                .isInstanceOf(IllegalStateException.class);
    }
}
