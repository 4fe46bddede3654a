-- The formalisation desk: clerks take submitted amendments, put them into legal form with their
-- authors, declare some inadmissible, answer them publicly; authors are told what happened.

-- The clerk in charge of formalising an amendment (the one who writes in its workspace).
ALTER TABLE amendments ADD COLUMN assigned_clerk_id uuid REFERENCES users (id);
-- Inadmissibility: a ground from the rules of procedure and the public reason given.
ALTER TABLE amendments ADD COLUMN inadmissible_ground text CHECK (inadmissible_ground IN
  ('article_40', 'article_41', 'article_45', 'out_of_scope', 'duplicate', 'abusive', 'other'));
ALTER TABLE amendments ADD COLUMN inadmissible_reason text;
ALTER TABLE amendments ADD CONSTRAINT amendments_inadmissible_ground_chk
  CHECK ((status = 'inadmissible') = (inadmissible_ground IS NOT NULL));
CREATE INDEX amendments_clerk_idx ON amendments (assigned_clerk_id) WHERE assigned_clerk_id IS NOT NULL;

-- A formalisation revision carries the clerk's note to the authors.
ALTER TABLE amendment_revisions ADD COLUMN note text;

-- Official responses published on an amendment (public, append-only).
CREATE TABLE amendment_responses (
  id           bigserial PRIMARY KEY,
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  clerk_id     uuid NOT NULL REFERENCES users (id),
  body         text NOT NULL CHECK (length(body) > 0),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX amendment_responses_amendment_idx ON amendment_responses (amendment_id, id);
CREATE TRIGGER amendment_responses_append_only BEFORE UPDATE ON amendment_responses
  FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- What happened to a person's amendments, for them alone (formalised, inadmissible, answered,
-- decided), with the reason. `read_at` is the only thing that changes.
CREATE TABLE notifications (
  id           bigserial PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type         text NOT NULL CHECK (type IN ('formalised', 'inadmissible', 'response', 'decided')),
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  message      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
