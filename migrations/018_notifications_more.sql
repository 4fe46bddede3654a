-- Notifications about a bill as well as about an amendment (an appointment to the commission, a
-- phase change), naming who acted through `actor_id`: the name is read when the notification is,
-- so a deleted account is never named (it is anonymised in place, the id stays).
ALTER TABLE notifications ALTER COLUMN amendment_id DROP NOT NULL;
ALTER TABLE notifications ADD COLUMN bill_id uuid REFERENCES bills (id) ON DELETE CASCADE;
ALTER TABLE notifications ADD COLUMN actor_id uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check CHECK (amendment_id IS NOT NULL OR bill_id IS NOT NULL);
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
  CHECK (type IN ('formalised', 'inadmissible', 'response', 'decided', 'coauthor', 'taken_over', 'assigned', 'appointed', 'phase'));
