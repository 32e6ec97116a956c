-- Which configuration decided what. Every audit record names the version (SHA-256 of the
-- configuration file's text and its catalogue's text) whose rules applied; every configuration
-- that was ever active is kept here as text, so the rules behind an exchange can be read years
-- later. A version's texts hash to the version itself: they cannot be changed unnoticed.
ALTER TABLE audit_record ADD COLUMN config_version VARCHAR(64);

CREATE TABLE config_version (
    version        VARCHAR(64)      NOT NULL,
    file_name      VARCHAR(300)     NOT NULL,
    config_text    VARCHAR(1000000) NOT NULL,
    catalogue_text VARCHAR(1000000) NOT NULL,
    first_active   VARCHAR(30)      NOT NULL,
    CONSTRAINT pk_config_version PRIMARY KEY (version)
);

-- Each time a node started with, or reloaded, a configuration: when, and who loaded it.
CREATE TABLE config_activation (
    node_id      VARCHAR(64)  NOT NULL,
    activated_at VARCHAR(30)  NOT NULL,
    seq          BIGINT       NOT NULL,
    version      VARCHAR(64)  NOT NULL,
    loaded_by    VARCHAR(200) NOT NULL,
    CONSTRAINT pk_config_activation PRIMARY KEY (node_id, seq)
);
