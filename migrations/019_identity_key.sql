-- The key under which identical amendments meet (shared/similarity.ts identityKey: same article,
-- kind and trimmed alinéas), computed in TypeScript once, when the alinéas are written
-- (server/sql/amendments.ts), and stored. Rows written before this column are filled at start-up
-- by backfillIdentityKeys (a migration cannot call identityKey; JS trim() and JSON.stringify have
-- no exact SQL twin).
ALTER TABLE amendments ADD COLUMN identity_key text;
CREATE INDEX amendments_identity_idx ON amendments (identity_key) WHERE status IN ('submitted', 'formalised');
