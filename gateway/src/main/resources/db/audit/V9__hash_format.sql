-- The byte format a record's hash was computed over (docs/audit.md, "Hash format"):
-- 1: the record's fields as JSON in a fixed order (records written before format 2);
-- 2: the record's fields as canonical JSON per RFC 8785 (JCS), including the format itself.
ALTER TABLE audit_record ADD COLUMN hash_format SMALLINT DEFAULT 1 NOT NULL;
