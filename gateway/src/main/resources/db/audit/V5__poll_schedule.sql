-- Requester role: the poll schedule of a held answer is bounded and visible. Failures in a row
-- (no connection, 5xx, an unexpected status) are counted; past the configured bound, or past the
-- longest wait, the exchange ends with a terminal outcome and a closing record.
ALTER TABLE pending_answer ADD COLUMN failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE pending_answer ADD COLUMN last_failure VARCHAR(300);
