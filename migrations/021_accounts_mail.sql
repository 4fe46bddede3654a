-- Accounts for a real public (issue 13): a verified e-mail address and, for accounts whose
-- identity a provider (OpenID Connect) vouched for, an assurance level. Both are read with every
-- session (EMAIL_VERIFICATION=required gates votes and submissions on them).
ALTER TABLE users
  ADD COLUMN email_verified_at timestamptz,
  ADD COLUMN assurance text NOT NULL DEFAULT 'none' CHECK (assurance IN ('none', 'verified'));
