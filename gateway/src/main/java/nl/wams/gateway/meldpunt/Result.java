package nl.wams.gateway.meldpunt;

/** What came of a staff action on a signal. */
public sealed interface Result<T> {

    record Done<T>(T value) implements Result<T> {}

    record NotFound<T>() implements Result<T> {}

    record Conflict<T>(Why why) implements Result<T> {}

    /** Why the action cannot be done on the signal as it is. */
    enum Why {
        /** The signal is closed. */
        CLOSED,
        /** Routing needs an assessment first. */
        NOT_ASSESSED,
        /** No such desk is configured. */
        UNKNOWN_DESK,
        /** No such case of the coordinated approach. */
        UNKNOWN_CASE,
        /** No such signal to link to. */
        UNKNOWN_SIGNAL,
        /** The two signals name different people (different BSNs). */
        DIFFERENT_PERSON,
        /** Closing for another reason needs a note. */
        NOTE_REQUIRED,
        /** Someone changed the signal meanwhile; read it again. */
        CHANGED
    }

    /** This result, which is not {@link Done}, as the result of another action. */
    @SuppressWarnings("unchecked")
    default <U> Result<U> failed() {
        if (this instanceof Done<T>) {
            throw new IllegalStateException("not a failure");
        }
        return (Result<U>) this;
    }
}
