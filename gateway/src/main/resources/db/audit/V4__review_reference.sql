-- Provider role: a review has the provider's own id; the requester's transaction id is kept as a
-- reference (for reconciling both organisations' logs), never used as a key.
ALTER TABLE review ADD COLUMN transaction_id VARCHAR(36);
