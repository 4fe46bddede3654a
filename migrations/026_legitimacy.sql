-- Sortition of a bill's citizen college (docs/sortition.md): the call for volunteers, the
-- commitment to a seed, the lottery computed over the frozen pool, the draw, and the answers
-- of those drawn (a decline is replaced by a reproducible rule).
--   open      → volunteers opt in; the admin may change seats and strata while nobody answered
--   computing → the call is closed (pool and seed hash published); the lottery is being computed
--   ready     → the lottery is published; the draw awaits the seed (and the public value)
--   failed    → the quotas cannot be met with this pool, or the computation failed (`failure`)
--   drawn     → the panel is drawn
CREATE TABLE sortitions (
  bill_id       uuid PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,
  seats         integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
  strata        jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'computing', 'ready', 'failed', 'drawn')),
  opened_by     uuid REFERENCES users (id),
  opened_at     timestamptz NOT NULL DEFAULT now(),
  seed_hash     text,
  -- a seed the server generated at the commitment (when the admin gave only no hash): secret
  -- until the draw reveals it
  seed_secret   text,
  pool_hash     text,
  committed_at  timestamptz,
  progress      jsonb,
  failure       text,
  distribution  jsonb,
  computed_at   timestamptz,
  seed          text,
  public_value  text,
  drawn_by      uuid REFERENCES users (id),
  drawn_at      timestamptz,
  -- the panel as first drawn (pseudonyms), before any decline
  drawn         jsonb
);

CREATE TABLE sortition_volunteers (
  bill_id      uuid NOT NULL REFERENCES sortitions (bill_id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  pseudonym    text NOT NULL,
  answers      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- seated: drawn, or drawn as a replacement (null: never drawn)
  seated_at    timestamptz,
  response     text CHECK (response IN ('accepted', 'declined')),
  responded_at timestamptz,
  -- the k-th decline of this sortition (the replacement rule's counter)
  decline_seq  integer,
  -- for a decline: who took the seat (null: nobody could without breaking a quota)
  replaced_by  text,
  PRIMARY KEY (bill_id, user_id),
  UNIQUE (bill_id, pseudonym),
  UNIQUE (bill_id, decline_seq)
);

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
  CHECK (kind IN ('verify_email', 'password_reset', 'email_change', 'email_changed', 'password_changed', 'notification', 'digest', 'sortition'));
