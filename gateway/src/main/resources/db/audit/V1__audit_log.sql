-- The audit log. Runs unchanged on H2 (embedded default) and PostgreSQL (production).
-- One row per event; rows of one node form a hash chain ordered by seq.
CREATE TABLE audit_record (
    node_id             VARCHAR(64)   NOT NULL,
    seq                 BIGINT        NOT NULL,
    record_id           VARCHAR(36)   NOT NULL,
    transaction_id      VARCHAR(36)   NOT NULL,
    trace_id            VARCHAR(32)   NOT NULL,
    span_id             VARCHAR(16)   NOT NULL,
    occurred_at         VARCHAR(30)   NOT NULL, -- ISO-8601 UTC with millis: sorts as text, hashes stably
    event_type          VARCHAR(40)   NOT NULL,
    requester_oin       VARCHAR(20),
    user_ref            VARCHAR(200),
    party_id            VARCHAR(64),
    party_oin           VARCHAR(20),
    purpose             VARCHAR(64),
    legal_basis         VARCHAR(64),
    phase               VARCHAR(32),
    case_ref            VARCHAR(100),
    subjects            VARCHAR(2000) NOT NULL, -- JSON array of HMAC pseudonyms, never a BSN
    categories_asked    VARCHAR(2000) NOT NULL,
    categories_released VARCHAR(2000) NOT NULL,
    fields_removed      VARCHAR(8000) NOT NULL,
    outcome             VARCHAR(40),
    ground              VARCHAR(40),
    motivation          VARCHAR(4000),
    prev_hash           VARCHAR(64)   NOT NULL,
    hash                VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_audit_record PRIMARY KEY (node_id, seq),
    CONSTRAINT uq_audit_record_id UNIQUE (record_id)
);

CREATE INDEX ix_audit_record_transaction ON audit_record (transaction_id);
CREATE INDEX ix_audit_record_case ON audit_record (case_ref);
CREATE INDEX ix_audit_record_time ON audit_record (occurred_at);

-- Which records concern which pseudonymised subject (for the AVG art. 15 access report).
CREATE TABLE audit_subject (
    pseudonym VARCHAR(40) NOT NULL,
    node_id   VARCHAR(64) NOT NULL,
    seq       BIGINT      NOT NULL,
    CONSTRAINT pk_audit_subject PRIMARY KEY (pseudonym, node_id, seq)
);

-- Signed checkpoints: a JWS over (node, seq, hash) made with the gateway's audit key.
CREATE TABLE audit_checkpoint (
    node_id    VARCHAR(64)   NOT NULL,
    seq        BIGINT        NOT NULL,
    hash       VARCHAR(64)   NOT NULL,
    created_at VARCHAR(30)   NOT NULL,
    jws        VARCHAR(4000) NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (node_id, seq)
);
