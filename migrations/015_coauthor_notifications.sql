-- A person added as co-author of a draft is told (the draft is otherwise invisible to them until
-- they open its address).
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check
  CHECK (type IN ('formalised', 'inadmissible', 'response', 'decided', 'coauthor'));
