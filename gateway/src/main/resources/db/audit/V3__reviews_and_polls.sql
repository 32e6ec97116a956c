-- Provider role: requests held for a professional's decision. Kept in the database so replicas
-- share them and nothing is lost on restart. The request JWS is kept to bind the final answer.
CREATE TABLE review (
    id                 VARCHAR(36)     NOT NULL,
    requester_oin      VARCHAR(20)     NOT NULL,
    purpose            VARCHAR(64)     NOT NULL,
    legal_basis        VARCHAR(64),
    phase              VARCHAR(32),
    trigger_kind       VARCHAR(32),
    case_ref           VARCHAR(100),
    motivation         VARCHAR(4000),
    categories         VARCHAR(2000)   NOT NULL,
    subjects           VARCHAR(4000)   NOT NULL, -- JSON [{bsn, rol}]: the party's own clients, needed to answer
    request_jws        VARCHAR(300000) NOT NULL,
    status             VARCHAR(20)     NOT NULL, -- OPEN, VRIJGEGEVEN, GEWEIGERD, NIET_BEANTWOORD
    created_at         VARCHAR(30)     NOT NULL,
    deadline           VARCHAR(30)     NOT NULL,
    decided_at         VARCHAR(30),
    reviewer           VARCHAR(200),
    answer_jws         VARCHAR(300000),
    CONSTRAINT pk_review PRIMARY KEY (id)
);

CREATE INDEX ix_review_status ON review (status, created_at);

-- Requester role: answers still to be fetched from a party's status resource.
CREATE TABLE pending_answer (
    request_id   VARCHAR(36)     NOT NULL,
    party_id     VARCHAR(64)     NOT NULL,
    status_url   VARCHAR(2000)   NOT NULL,
    request_jws  VARCHAR(300000) NOT NULL,
    attempts     INTEGER         NOT NULL,
    next_poll_at VARCHAR(30)     NOT NULL,
    CONSTRAINT pk_pending_answer PRIMARY KEY (request_id, party_id)
);

-- Requester role: aggregated results, so that a pending request survives a restart and replicas
-- can answer GET /gegevensverzoeken/{id}. Removed after the retention period.
CREATE TABLE request_result (
    id         VARCHAR(36)      NOT NULL,
    requester  VARCHAR(200)     NOT NULL,
    expires_at VARCHAR(30)      NOT NULL,
    result     VARCHAR(1000000) NOT NULL,
    CONSTRAINT pk_request_result PRIMARY KEY (id)
);
