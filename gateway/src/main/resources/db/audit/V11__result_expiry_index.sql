-- Expired results are deleted by a background job every minute (ResultStore.deleteExpired). Without
-- this index each run read every stored result; with it, a run reads only what has expired.
CREATE INDEX ix_request_result_expires ON request_result (expires_at);
