-- Accounts for a real public (issue 13): a verified e-mail address, an assurance level, tokens
-- sent by e-mail, notification preferences, and a durable outbox of e-mail messages.

-- A verified address, and for accounts whose identity a provider (OpenID Connect) vouched for,
-- an assurance level. Both are read with every session (EMAIL_VERIFICATION=required gates votes
-- and submissions on them).
ALTER TABLE users
  ADD COLUMN email_verified_at timestamptz,
  ADD COLUMN assurance text NOT NULL DEFAULT 'none' CHECK (assurance IN ('none', 'verified'));

-- Single-use tokens sent by e-mail. Only their SHA-256 is stored (like sessions): a leaked table
-- opens nothing. `email` is the address the link confirms (verification, change): a link sent to
-- an address the account no longer has confirms nothing.
CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset', 'email_change')),
  email      text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  CHECK ((purpose = 'password_reset') = (email IS NULL))
);
CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose);

-- How a person wants to hear of each kind of notification by e-mail. No row: the default of
-- `mail_mode` below — the one place it is written.
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind    text NOT NULL,
  mode    text NOT NULL CHECK (mode IN ('immediate', 'digest', 'never')),
  PRIMARY KEY (user_id, kind)
);

CREATE FUNCTION mail_mode(p_user uuid, p_kind text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT mode FROM notification_preferences WHERE user_id = p_user AND kind = p_kind), 'immediate')
$$;

-- The outbox: every message, written in the transaction of the event that causes it, then sent by
-- the mail worker (server/mail/worker.ts). Account messages are stored rendered (subject, text,
-- html); a notification or a digest is rendered when it is sent, from the notifications it names.
--   pending   → due at next_attempt_at (retries back off)
--   sending   → claimed by a worker (claimed_at); the SMTP exchange is under way
--   sent      → the relay accepted it
--   failed    → refused for good (5xx) or out of attempts
--   uncertain → a worker died during the exchange: it may have gone out, so it is never resent
--               by itself (an admin may resend it from /admin/courriels)
--   cancelled → nobody to send it to any more (deleted account, unverified address)
CREATE TABLE mail_outbox (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('verify_email', 'password_reset', 'email_change', 'email_changed', 'password_changed', 'notification', 'digest')),
  user_id         uuid REFERENCES users (id) ON DELETE CASCADE,
  to_address      text,
  subject         text,
  body_text       text,
  body_html       text,
  notification_id bigint REFERENCES notifications (id) ON DELETE CASCADE,
  digest_ids      bigint[],
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_at      timestamptz,
  sent_at         timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at, id) WHERE status = 'pending';
-- a queue: each message is updated twice soon after it is written; vacuum it often, so that claims
-- do not wade through the dead entries of what was already sent
ALTER TABLE mail_outbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);
CREATE INDEX mail_outbox_sending_idx ON mail_outbox (claimed_at) WHERE status = 'sending';
CREATE INDEX mail_outbox_user_idx ON mail_outbox (user_id);
CREATE INDEX mail_outbox_recent_idx ON mail_outbox (id DESC);

-- A notification waiting for its person's daily digest.
ALTER TABLE notifications ADD COLUMN digest_pending boolean NOT NULL DEFAULT false;
CREATE INDEX notifications_digest_idx ON notifications (user_id) WHERE digest_pending;

-- Every notification reaches the outbox in the transaction that creates it, whoever creates it:
-- at once, in the next digest, or not at all, as its person chose; and only to a confirmed
-- address (never to one somebody typed for somebody else). One statement-level trigger: a big
-- bill's closing inserts tens of thousands of notifications at once.
CREATE FUNCTION notifications_to_mail() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mail_outbox (kind, user_id, notification_id)
  SELECT 'notification', n.user_id, n.id
  FROM new_rows n JOIN users u ON u.id = n.user_id
  WHERE u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL AND mail_mode(n.user_id, n.type) = 'immediate'
  ORDER BY n.id;
  UPDATE notifications x SET digest_pending = true
  FROM new_rows n JOIN users u ON u.id = n.user_id
  WHERE x.id = n.id AND u.email_verified_at IS NOT NULL AND u.deleted_at IS NULL AND mail_mode(n.user_id, n.type) = 'digest';
  RETURN NULL;
END $$;
CREATE TRIGGER notifications_to_mail AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notifications_to_mail();

-- Once-a-day jobs shared by every process: the one that moves `last_run` runs the job.
CREATE TABLE scheduled_jobs (
  name     text PRIMARY KEY,
  last_run timestamptz NOT NULL
);

-- Secrets the server generates for itself when the configuration gives none (the key that signs
-- unsubscribe links), shared by every process through the database.
CREATE TABLE server_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
