-- Reports by participants, and moderation decisions (public, with their reasons).
CREATE TABLE reports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type text NOT NULL CHECK (subject_type IN ('amendment', 'argument', 'annotation', 'reply')),
  subject_id   uuid NOT NULL,
  reason       text NOT NULL,
  reporter_id  uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_type, subject_id, reporter_id)
);
CREATE INDEX reports_subject_idx ON reports (subject_type, subject_id);

-- The log of moderation actions; current visibility is the latest action per subject.
CREATE TABLE moderation_actions (
  id           bigserial PRIMARY KEY,
  subject_type text NOT NULL CHECK (subject_type IN ('amendment', 'argument', 'annotation', 'reply')),
  subject_id   uuid NOT NULL,
  bill_id      uuid REFERENCES bills (id) ON DELETE CASCADE,
  action       text NOT NULL CHECK (action IN ('hide', 'restore')),
  reason       text NOT NULL,
  moderator_id uuid NOT NULL REFERENCES users (id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_subject_idx ON moderation_actions (subject_type, subject_id, id DESC);
CREATE TRIGGER moderation_actions_append_only BEFORE UPDATE ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- Hidden state cached on each subject for cheap reads (the log above is the history).
ALTER TABLE amendments ADD COLUMN hidden_reason text;
ALTER TABLE arguments ADD COLUMN hidden_reason text;
ALTER TABLE annotations ADD COLUMN hidden_reason text;
ALTER TABLE annotation_replies ADD COLUMN hidden_reason text;
