-- Moderation at scale (issue 17, docs/moderation.md): reports carry a rule of the charter, the
-- queue also holds flags raised automatically, decisions may be appealed once and are decided by
-- another moderator, and accounts may be suspended. Everything stays in `moderation_actions`,
-- the one public log.

-- A report's `reason` is now the id of a rule of the charter (shared/moderation.ts), with an
-- optional comment; earlier free-text reasons become the comment of a report « sans règle ».
-- Its bill is kept with it so that the queue filters by bill without joining every table.
ALTER TABLE reports ADD COLUMN comment text;
ALTER TABLE reports ADD COLUMN bill_id uuid REFERENCES bills (id) ON DELETE CASCADE;
UPDATE reports SET comment = reason, reason = 'sans-regle';
UPDATE reports r SET bill_id = CASE r.subject_type
  WHEN 'amendment' THEN (SELECT bill_id FROM amendments WHERE id = r.subject_id)
  WHEN 'argument' THEN (SELECT bill_id FROM arguments WHERE id = r.subject_id)
  WHEN 'annotation' THEN (SELECT bill_id FROM annotations WHERE id = r.subject_id)
  ELSE (SELECT n.bill_id FROM annotation_replies x JOIN annotations n ON n.id = x.annotation_id WHERE x.id = r.subject_id) END;
CREATE INDEX reports_created_idx ON reports (created_at);

-- Flags raised by the server for review (the same text many times, a burst from a new account,
-- many links). A flag hides nothing: it only puts the contribution in the queue, with its cause.
CREATE TABLE moderation_flags (
  id           bigserial PRIMARY KEY,
  subject_type text NOT NULL CHECK (subject_type IN ('amendment', 'argument', 'annotation', 'reply')),
  subject_id   uuid NOT NULL,
  bill_id      uuid REFERENCES bills (id) ON DELETE CASCADE,
  cause        text NOT NULL CHECK (cause IN ('duplicate_text', 'new_account_burst', 'many_links')),
  detail       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_type, subject_id, cause)
);
CREATE INDEX moderation_flags_created_idx ON moderation_flags (created_at);

-- What the automatic flags count: every public contribution, its author and the hash of its
-- normalised text (shared/moderation.ts › normaliseForHash).
CREATE TABLE contribution_fingerprints (
  subject_type text NOT NULL CHECK (subject_type IN ('amendment', 'argument', 'annotation', 'reply')),
  subject_id   uuid NOT NULL,
  bill_id      uuid REFERENCES bills (id) ON DELETE CASCADE,
  author_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  text_hash    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subject_type, subject_id)
);
CREATE INDEX contribution_fingerprints_hash_idx ON contribution_fingerprints (text_hash, created_at);
CREATE INDEX contribution_fingerprints_author_idx ON contribution_fingerprints (author_id, created_at);

-- The log now holds every decision: on a contribution (hide, restore, keep — it conforms to the
-- charter —, dismiss — the signals are closed without judging —, uphold — an appeal upheld), and
-- on an account (suspend, lift). `rule` names the charter's rule the decision applies.
ALTER TABLE moderation_actions DROP CONSTRAINT moderation_actions_subject_type_check;
ALTER TABLE moderation_actions ADD CONSTRAINT moderation_actions_subject_type_check
  CHECK (subject_type IN ('amendment', 'argument', 'annotation', 'reply', 'account'));
ALTER TABLE moderation_actions DROP CONSTRAINT moderation_actions_action_check;
ALTER TABLE moderation_actions ADD CONSTRAINT moderation_actions_action_check
  CHECK (action IN ('hide', 'restore', 'keep', 'dismiss', 'uphold', 'suspend', 'lift'));
ALTER TABLE moderation_actions ADD COLUMN rule text;
-- for `suspend`: until when (null: permanent)
ALTER TABLE moderation_actions ADD COLUMN suspended_until timestamptz;
CREATE INDEX moderation_actions_moderator_idx ON moderation_actions (moderator_id);

-- One appeal per decision, by its author, decided by another moderator (the decision is also a
-- row of the log: `uphold`, or `restore`/`lift` when overturned; cached here).
CREATE TABLE moderation_appeals (
  id          bigserial PRIMARY KEY,
  action_id   bigint NOT NULL UNIQUE REFERENCES moderation_actions (id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES users (id),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  decision    text CHECK (decision IN ('upheld', 'overturned')),
  decided_by  uuid REFERENCES users (id),
  decided_at  timestamptz,
  decision_reason text
);
ALTER TABLE moderation_actions ADD COLUMN appeal_id bigint REFERENCES moderation_appeals (id);

-- Suspension, cached on the account (read with every session): since when, until when (null:
-- permanent). Lifted: both null. The history is the log above.
ALTER TABLE users ADD COLUMN suspended_at timestamptz;
ALTER TABLE users ADD COLUMN suspended_until timestamptz;

-- The author hears of a decision on their contribution, with a link to appeal.
ALTER TABLE notifications ADD COLUMN moderation_action_id bigint REFERENCES moderation_actions (id) ON DELETE CASCADE;
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
  CHECK (type IN ('formalised', 'inadmissible', 'response', 'decided', 'coauthor', 'taken_over', 'assigned', 'appointed', 'phase', 'moderation'));
