-- Accounts and their sessions. Emails are unique whatever their case.
CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL,
  password_hash text NOT NULL,
  display_name  text NOT NULL,
  kind          text NOT NULL DEFAULT 'citizen' CHECK (kind IN ('citizen', 'organisation')),
  roles         text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin', 'clerk', 'moderator']::text[]),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Only a hash of each session token is stored: a leaked table does not open sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
