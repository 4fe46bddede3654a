-- A suspended account is told by e-mail (reason, end, how to appeal), and so are the lifting of
-- its suspension and the outcome of its appeal (server/commands/moderation-mail.ts): a rendered
-- message of its own kind in the outbox.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
  CHECK (kind IN ('verify_email', 'password_reset', 'email_change', 'email_changed', 'password_changed', 'notification', 'digest', 'sortition', 'moderation'));
