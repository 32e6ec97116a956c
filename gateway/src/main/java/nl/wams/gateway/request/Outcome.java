package nl.wams.gateway.request;

/** What became of the question to one party (docs/api.md, "Outcomes per party"). */
public enum Outcome {
    VERSTREKT,
    GEDEELTELIJK_VERSTREKT,
    GEWEIGERD,
    NIET_BEKEND,
    IN_BEHANDELING,
    /** The party's professional did not decide within the party's term. */
    NIET_BEANTWOORD,
    NIET_BEREIKBAAR,
    ONGELDIG_ANTWOORD
}
