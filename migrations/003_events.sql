-- The public history: every public action is one appended event (never who voted what).
CREATE TABLE events (
  id           bigserial PRIMARY KEY,
  bill_id      uuid REFERENCES bills (id) ON DELETE CASCADE,
  type         text NOT NULL,
  actor_id     uuid REFERENCES users (id),
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_bill_idx ON events (bill_id, id DESC);
CREATE INDEX events_subject_idx ON events (subject_type, subject_id, id DESC);
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION forbid_update();
