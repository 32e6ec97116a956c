package nl.wams.adapters;

import java.util.Arrays;
import java.util.Optional;

/** The legitimate grounds on which a party refuses to provide data (docs/domain.md). */
public enum RefusalGround {
    /** Weighty reasons oppose provision; motivation required. */
    ZWAARWEGENDE_REDENEN,
    /** Professional secrecy prevents provision; motivation required. */
    BEROEPSGEHEIM,
    /** The party judges the data not necessary for the stated purpose. */
    NIET_NOODZAKELIJK,
    /** No legal basis for this purpose/category/party combination. */
    GEEN_GRONDSLAG;

    /** The ground with exactly this name, if it is one. */
    public static Optional<RefusalGround> parse(String name) {
        return Arrays.stream(values()).filter(g -> g.name().equals(name)).findFirst();
    }
}
