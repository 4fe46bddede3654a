-- The public history, queryable: by type and by actor within a bill, newest or oldest first.
CREATE INDEX events_bill_type_idx ON events (bill_id, type, id);
CREATE INDEX events_actor_idx ON events (actor_id, id) WHERE actor_id IS NOT NULL;
