-- Issue 16 › English interface: the language of an account's e-mails (notifications, digests,
-- moderation notices, sortition invitations), the one it last chose with the language switch or
-- signed up in. NULL: French, the platform's language.
ALTER TABLE users ADD COLUMN lang text CHECK (lang IN ('fr', 'en'));
