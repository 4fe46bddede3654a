-- Live documents (Yjs): each row is one merged Yjs update. The state of a document is all of its
-- rows applied in order; appends are cheap, and compaction merges them under an advisory lock.
CREATE TABLE collab_updates (
  id         bigserial PRIMARY KEY,
  doc_name   text NOT NULL,
  update     bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collab_updates_doc_idx ON collab_updates (doc_name, id);
