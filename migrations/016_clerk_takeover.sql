-- A clerk whose amendment another clerk takes over (« reprendre ») is told.
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
  CHECK (type IN ('formalised', 'inadmissible', 'response', 'decided', 'coauthor', 'taken_over'));
