-- The coordinated approach (docs/coordination.md).
-- The college's cases. Everything personal about a case (clients, family, scope, outcome,
-- coordinator, parties) is sealed with the data key in `content`; the columns beside it say only
-- what the gateway itself needs to manage the case. A closed case's row and its parts are
-- deleted after the retention term (delete_after).
CREATE TABLE zaak (
    reference    VARCHAR(100)     NOT NULL,
    content      VARCHAR(1000000) NOT NULL,
    status       VARCHAR(16)      NOT NULL, -- OPEN, GESLOTEN
    created_at   VARCHAR(30)      NOT NULL,
    updated_at   VARCHAR(30)      NOT NULL,
    closed_at    VARCHAR(30),
    delete_after VARCHAR(30),
    CONSTRAINT pk_zaak PRIMARY KEY (reference)
);

CREATE INDEX ix_zaak_delete_after ON zaak (delete_after);

-- The parts of a case's coördinatiedossier and what moved for it: agreements, progress notes,
-- adjustments, case meetings, contributions to a meeting, data provided to a party. Sealed too.
CREATE TABLE zaak_onderdeel (
    id          VARCHAR(36)      NOT NULL,
    reference   VARCHAR(100)     NOT NULL,
    kind        VARCHAR(24)      NOT NULL,
    parent_id   VARCHAR(36),
    content     VARCHAR(1000000) NOT NULL,
    status      VARCHAR(24),
    created_at  VARCHAR(30)      NOT NULL,
    updated_at  VARCHAR(30)      NOT NULL,
    CONSTRAINT pk_zaak_onderdeel PRIMARY KEY (id)
);

CREATE INDEX ix_zaak_onderdeel_reference ON zaak_onderdeel (reference, created_at);

-- What another gateway sent for the coordinated approach (provided data, a forwarded meeting
-- contribution, an invitation to a meeting): held apart from the organisation's own file until
-- a professional adopts or declines it. The sealed content is removed when its term ends unless
-- it was adopted; the row stays as the status the sender may ask for.
CREATE TABLE ontvangst (
    id               VARCHAR(36)      NOT NULL,
    sender_oin       VARCHAR(20)      NOT NULL,
    sender_reference VARCHAR(64)      NOT NULL,
    kind             VARCHAR(16)      NOT NULL, -- VERSTREKKING, BIJDRAGE, UITNODIGING
    content          VARCHAR(1000000),
    status           VARCHAR(16)      NOT NULL, -- ONTVANGEN, OVERGENOMEN, AFGEWEZEN, BIJGEDRAGEN, VERWIJDERD
    received_at      VARCHAR(30)      NOT NULL,
    delete_after     VARCHAR(30)      NOT NULL,
    decided_at       VARCHAR(30),
    decided_by       VARCHAR(200),
    motivation       VARCHAR(4000), -- why adopted (which own task) or declined
    CONSTRAINT pk_ontvangst PRIMARY KEY (id),
    CONSTRAINT uq_ontvangst_sender UNIQUE (sender_oin, sender_reference)
);

CREATE INDEX ix_ontvangst_status ON ontvangst (status, received_at);
