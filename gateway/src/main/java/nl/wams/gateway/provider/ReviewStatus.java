package nl.wams.gateway.provider;

/** Where a review stands (provider role); stored by name. */
public enum ReviewStatus {
    /** A professional still has to decide. */
    OPEN,
    /** Released (all or some of the asked categories). */
    VRIJGEGEVEN,
    /** Refused with a ground. */
    GEWEIGERD,
    /** Not decided within the review term. */
    NIET_BEANTWOORD;

    /** Every status but {@link #OPEN} is final. */
    public boolean decided() {
        return this != OPEN;
    }
}
