package nl.wams.gateway.audit;

/** The events the audit log records (docs/audit.md). */
public enum AuditEvent {
    /** A data request arrived and passed the policy. */
    VERZOEK_ONTVANGEN,
    /** The gateway itself refused a request; the ground is the broken rule. */
    VERZOEK_GEWEIGERD,
    /** The request is about to be sent to one party (committed before sending). */
    VERZOEK_VERZONDEN,
    /** A party answered with data or "not known". */
    ANTWOORD_ONTVANGEN,
    /** A party refused, with its ground. */
    ANTWOORD_GEWEIGERD,
    /** No usable answer: unreachable or invalid. */
    ANTWOORD_MISLUKT,
    /**
     * A party's answer arrived after its timeout, when the caller had been answered without it:
     * discarded, nothing of it released or stored. Its outcome is what the party said.
     */
    ANTWOORD_TE_LAAT,
    /** The aggregated answer was released to the caller (committed before release). */
    ANTWOORD_VRIJGEGEVEN,
    /** Provider role: a peer gateway's signed request arrived and was verified. */
    PEER_VERZOEK_ONTVANGEN,
    /** Provider role: a peer request was rejected (protocol, trust, replay) before any decision. */
    PEER_VERZOEK_GEWEIGERD,
    /** Provider role: the signed answer (data, refusal with ground, or pending review) left. */
    PEER_ANTWOORD_VERSTUURD,
    /**
     * Provider role: a verified peer request ended without an answer: the backend could not be
     * reached, or the requester's announced wait had passed before the data was ready (nothing was
     * sent). The motivation says which.
     */
    PEER_VERZOEK_AFGEBROKEN,
    /** Provider role: a professional decided on a held request (or its term expired). */
    BEOORDELINGSBESLUIT,
    /** An auditor asked for a subject access report. */
    INZAGEVERZOEK,
    /** The log was exported. */
    AUDIT_EXPORT,
    /**
     * Another gateway's signed message carried its latest audit checkpoint (node, seq, hash in the
     * motivation); recorded once per new checkpoint, so that a log rewritten there contradicts this
     * one ({@code audit reconcile}).
     */
    CONTROLEPUNT_GETUIGD,
    /** {@code audit rekey} re-sealed kept values with the current data key (how many; never a value). */
    DATASLEUTEL_VERVANGEN,
    /** A privacy officer searched the log for one person's records (who looked, at whom, how much was found). */
    LOGBOEK_DOORZOCHT,
    /** College: a case was created; the outcome says so. */
    ZAAK_AANGEMAAKT,
    /** College: a case (or its dossier) was read by a person or an application. */
    ZAAK_GELEZEN,
    /** College: a case or its coördinatiedossier changed; the outcome names what (a dossier entry, a meeting, closing). */
    ZAAK_GEWIJZIGD,
    /** College: a closed case's personal data was deleted at the end of its retention term. */
    ZAAK_VERWIJDERD,
    /** The client letter of a case was drawn up (who, which case; never its text). */
    CLIENTBRIEF_OPGEMAAKT,
    /** Data left for another gateway for the coordinated approach (provision, contribution, forwarded contribution, invitation); committed before sending. */
    VERSTREKKING_VERSTUURD,
    /** The other gateway took the data in, or could not be reached (outcome). */
    VERSTREKKING_AFGELEVERD,
    /** Data for the coordinated approach arrived and is held apart until a professional decides. */
    VERSTREKKING_ONTVANGEN,
    /** A signed message of the coordinated approach was refused before anything of it was kept. */
    VERSTREKKING_GEWEIGERD,
    /** A professional adopted received data into the organisation's own file, or declined it (outcome, motivation). */
    ONTVANGST_BESLUIT,
    /** Received data that was not adopted was deleted at the end of its term. */
    ONTVANGST_VERWIJDERD,
    /** Reporting point: a signal was taken in (the outcome names the channel: BURGER or PROFESSIONAL; never who). */
    MELDING_ONTVANGEN,
    /**
     * Reporting point: the reporter's own record of a signal they filed about someone else (only
     * when they gave their BSN), so their access report lists it; it names neither the person nor
     * the content.
     */
    MELDING_GEDAAN,
    /** Reporting point: a person read a signal. */
    MELDING_GELEZEN,
    /** Reporting point: a signal was assessed or linked to a case or to other signals about the person (outcome). */
    MELDING_BEOORDEELD,
    /** Reporting point: a signal is about to be routed to a desk (committed before sending; removed field names). */
    MELDING_DOORGELEID,
    /** Reporting point: what the desk answered (taken on, held, declined, unreachable, invalid). */
    MELDING_LOKETANTWOORD,
    /** Reporting point: a signal was closed (the reason). */
    MELDING_GESLOTEN,
    /** Reporting point: a signal was deleted at the end of its term. */
    MELDING_VERWIJDERD
}
