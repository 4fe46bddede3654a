-- Votes d'accord / mitigé / pas d'accord on articles, amendments and arguments.
-- One row per account and target (the primary key enforces it); voting again updates the row.
CREATE TABLE votes (
  target_type text NOT NULL CHECK (target_type IN ('article', 'amendment', 'argument')),
  target_id   uuid NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id),
  value       text NOT NULL CHECK (value IN ('for', 'mitigated', 'against')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target_type, target_id, user_id)
);

-- Cached tallies, kept exact by the trigger below: it sees the true old row even when the same
-- account votes many times at once, which application code reading-then-writing would not.
CREATE TABLE tallies (
  target_type text NOT NULL,
  target_id   uuid NOT NULL,
  n_for       integer NOT NULL DEFAULT 0 CHECK (n_for >= 0),
  n_mitigated integer NOT NULL DEFAULT 0 CHECK (n_mitigated >= 0),
  n_against   integer NOT NULL DEFAULT 0 CHECK (n_against >= 0),
  PRIMARY KEY (target_type, target_id)
);

-- Every change of a vote, without the voter: tallies over time can be rebuilt, ballots stay secret.
CREATE TABLE vote_events (
  id          bigserial PRIMARY KEY,
  target_type text NOT NULL,
  target_id   uuid NOT NULL,
  old_value   text,
  new_value   text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vote_events_target_idx ON vote_events (target_type, target_id, id);

CREATE FUNCTION votes_maintain_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t_type text := COALESCE(NEW.target_type, OLD.target_type);
  t_id   uuid := COALESCE(NEW.target_id, OLD.target_id);
  d_for int := 0; d_mit int := 0; d_against int := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    d_for := d_for - (OLD.value = 'for')::int;
    d_mit := d_mit - (OLD.value = 'mitigated')::int;
    d_against := d_against - (OLD.value = 'against')::int;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    d_for := d_for + (NEW.value = 'for')::int;
    d_mit := d_mit + (NEW.value = 'mitigated')::int;
    d_against := d_against + (NEW.value = 'against')::int;
  END IF;
  -- Update first: CHECK constraints would refuse a negative delta in an INSERT … ON CONFLICT.
  UPDATE tallies SET n_for = n_for + d_for, n_mitigated = n_mitigated + d_mit, n_against = n_against + d_against
    WHERE target_type = t_type AND target_id = t_id;
  IF NOT FOUND THEN
    -- Only a first vote gets here (deltas ≥ 0); ON CONFLICT covers two first votes at once.
    INSERT INTO tallies AS t (target_type, target_id, n_for, n_mitigated, n_against)
      VALUES (t_type, t_id, d_for, d_mit, d_against)
      ON CONFLICT (target_type, target_id) DO UPDATE
      SET n_for = t.n_for + d_for, n_mitigated = t.n_mitigated + d_mit, n_against = t.n_against + d_against;
  END IF;
  INSERT INTO vote_events (target_type, target_id, old_value, new_value)
    VALUES (t_type, t_id, CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.value END,
            CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.value END);
  RETURN NULL;
END $$;
CREATE TRIGGER votes_tally AFTER INSERT OR UPDATE OR DELETE ON votes
  FOR EACH ROW EXECUTE FUNCTION votes_maintain_tally();
