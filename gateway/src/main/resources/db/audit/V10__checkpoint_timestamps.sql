-- RFC 3161 timestamps of signed checkpoints (docs/audit.md, "Trusted time"): the TSA's token (DER,
-- base64) over the SHA-256 of the checkpoint's JWS, and the time it proves. A checkpoint without a
-- row here still waits for one.
CREATE TABLE audit_timestamp (
    node_id     VARCHAR(64)    NOT NULL,
    seq         BIGINT         NOT NULL,
    token       VARCHAR(20000) NOT NULL,
    proven_time VARCHAR(30)    NOT NULL,
    stamped_at  VARCHAR(30)    NOT NULL,
    CONSTRAINT pk_audit_timestamp PRIMARY KEY (node_id, seq)
);
