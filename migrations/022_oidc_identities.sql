-- Signing in with OpenID Connect (issue 13, server/auth/oidc.ts, server/commands/oidc-sign-in.ts).
--
-- What is kept of a person's identity at a provider: the pair (issuer, subject) that names it,
-- and when it was linked. Nothing else the provider says is stored: the display name and the
-- e-mail become the account's own (once, at creation); given and family names, birth date and the
-- like are never read into the database.

CREATE TABLE identities (
  issuer    text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  subject   text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject),
  -- one identity per provider per account
  UNIQUE (user_id, issuer)
);

-- Sign-ins in progress, each bound to the browser that started it by a random handle in a
-- short-lived HttpOnly cookie (only its hash is stored here). Stage `authorize`: the PKCE
-- verifier, `state` and `nonce` sent to the provider, until its answer comes back. Stage `link`:
-- the provider vouched for someone whose e-mail is an existing account's, and the person must
-- give that account's password; `pending` holds what is needed to finish (issuer, subject, the
-- account, the display name), nothing more. A row is used once (deleted as it is read) and is
-- worthless after `expires_at` (10 minutes).
CREATE TABLE oidc_flows (
  handle_hash   text PRIMARY KEY,
  stage         text NOT NULL CHECK (stage IN ('authorize', 'link')),
  state         text,
  nonce         text,
  code_verifier text,
  redirect_uri  text,
  -- the signed-in person who asked to link an identity from « Mon compte » (null: a sign-in)
  user_id       uuid REFERENCES users (id) ON DELETE CASCADE,
  next_path     text NOT NULL DEFAULT '/',
  pending       jsonb,
  expires_at    timestamptz NOT NULL,
  CHECK (stage <> 'authorize' OR (state IS NOT NULL AND nonce IS NOT NULL AND code_verifier IS NOT NULL AND redirect_uri IS NOT NULL)),
  CHECK (stage <> 'link' OR pending IS NOT NULL)
);
CREATE INDEX oidc_flows_expiry_idx ON oidc_flows (expires_at);

-- Accounts created through a provider may have no password. Migration 013 tied the two together
-- (`live ⇔ has a password`); now: a deleted account has no password, and a live account has a
-- password or a linked identity — checked at commit, since creating such an account inserts the
-- user and then its identity, and unlinking deletes an identity.
ALTER TABLE users DROP CONSTRAINT users_deleted_no_password;
ALTER TABLE users ADD CONSTRAINT users_deleted_no_password CHECK (deleted_at IS NULL OR password_hash IS NULL);

CREATE FUNCTION check_sign_in_means(uid uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM users u WHERE u.id = uid AND u.deleted_at IS NULL AND u.password_hash IS NULL)
     AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.user_id = uid) THEN
    RAISE EXCEPTION 'account % has neither a password nor a linked identity', uid USING ERRCODE = 'check_violation';
  END IF;
END $$;
CREATE FUNCTION users_check_sign_in_means() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM check_sign_in_means(NEW.id);
  RETURN NULL;
END $$;
CREATE FUNCTION identities_check_sign_in_means() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM check_sign_in_means(OLD.user_id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER users_sign_in_means AFTER INSERT OR UPDATE OF password_hash, deleted_at ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION users_check_sign_in_means();
CREATE CONSTRAINT TRIGGER identities_sign_in_means AFTER DELETE ON identities
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION identities_check_sign_in_means();

-- « Identités vérifiées seulement » tallies count the votes of accounts whose assurance is
-- `verified`. When such an account is deleted, its votes move to placeholders (migration 013):
-- each placeholder now carries the assurance of the account it replaces, so that the verified
-- tallies do not change either. An assurance level says nothing about who voted.
CREATE OR REPLACE FUNCTION detach_votes(p_user uuid) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v record;
  ghost uuid;
  level text;
  n integer := 0;
BEGIN
  SELECT assurance INTO level FROM users WHERE id = p_user;
  FOR v IN SELECT target_type, target_id FROM votes WHERE user_id = p_user FOR UPDATE LOOP
    INSERT INTO users (email, password_hash, display_name, kind, roles, created_at, deleted_at, assurance)
      VALUES ('deleted:' || gen_random_uuid(), NULL, 'contributeur supprimé', 'citizen', '{}',
              'epoch', 'epoch', COALESCE(level, 'none'))
      RETURNING id INTO ghost;
    UPDATE votes SET user_id = ghost WHERE target_type = v.target_type AND target_id = v.target_id AND user_id = p_user;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;
