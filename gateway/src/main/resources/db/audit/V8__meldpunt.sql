-- The reporting point for non-acute care (docs/meldpunt.md).
-- A signal: everything the reporter wrote and the assessment are sealed with the data key in
-- `content`; the plain columns hold what managing the queue needs. person_key is the pseudonym
-- of the person's BSN (or the key staff linked the signal to), so repeated signals about one
-- person are found without unsealing anything. A signal is deleted at delete_after.
CREATE TABLE melding (
    reference        VARCHAR(20)      NOT NULL,
    content          VARCHAR(1000000) NOT NULL,
    status           VARCHAR(16)      NOT NULL, -- ONTVANGEN, IN_BEOORDELING, DOORGELEID, GESLOTEN
    channel          VARCHAR(16)      NOT NULL, -- BURGER, PROFESSIONAL
    person_key       VARCHAR(100),
    case_reference   VARCHAR(100),
    received_at      VARCHAR(30)      NOT NULL,
    first_contact_by VARCHAR(30)      NOT NULL,
    updated_at       VARCHAR(30)      NOT NULL,
    routed_at        VARCHAR(30),
    closed_at        VARCHAR(30),
    delete_after     VARCHAR(30),
    CONSTRAINT pk_melding PRIMARY KEY (reference)
);

CREATE INDEX ix_melding_status ON melding (status, received_at);
CREATE INDEX ix_melding_person ON melding (person_key);
CREATE INDEX ix_melding_delete_after ON melding (delete_after);

-- Each time a signal was routed to a desk, and what the desk answered. Nothing personal: what
-- left is in the audit log by field name, the values only in the desk's own system.
CREATE TABLE melding_doorgeleiding (
    id             VARCHAR(36)  NOT NULL,
    reference      VARCHAR(20)  NOT NULL,
    desk_id        VARCHAR(64)  NOT NULL,
    status         VARCHAR(20)  NOT NULL, -- VERSTUURD, AANGENOMEN, IN_AFWACHTING, AFGEWEZEN, NIET_BEREIKBAAR, ONGELDIG_ANTWOORD
    desk_reference VARCHAR(600),
    reason         VARCHAR(600),
    created_at     VARCHAR(30)  NOT NULL,
    updated_at     VARCHAR(30)  NOT NULL,
    CONSTRAINT pk_melding_doorgeleiding PRIMARY KEY (id)
);

CREATE INDEX ix_melding_doorgeleiding_reference ON melding_doorgeleiding (reference, created_at);
CREATE INDEX ix_melding_doorgeleiding_status ON melding_doorgeleiding (status);
