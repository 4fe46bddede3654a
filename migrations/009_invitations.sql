-- Invitation links to co-write a draft amendment: whoever signs in with the link joins its authors.
-- Only a hash of the token is stored, like session tokens.
CREATE TABLE amendment_invitations (
  token_hash   text PRIMARY KEY,
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  created_by   uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX amendment_invitations_amendment_idx ON amendment_invitations (amendment_id);
CREATE INDEX users_display_name_idx ON users (lower(display_name));
