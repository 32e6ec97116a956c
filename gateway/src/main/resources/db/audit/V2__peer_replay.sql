-- Request ids (jti) a provider has accepted, until they expire: a replayed request is refused,
-- also when it reaches another replica on the same database.
CREATE TABLE peer_replay (
    jti           VARCHAR(100) NOT NULL,
    requester_oin VARCHAR(20)  NOT NULL,
    expires_at    VARCHAR(30)  NOT NULL,
    CONSTRAINT pk_peer_replay PRIMARY KEY (jti)
);

CREATE INDEX ix_peer_replay_expires ON peer_replay (expires_at);
