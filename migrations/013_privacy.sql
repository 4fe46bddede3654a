-- Deleting an account (server/commands/delete-account.ts).
--
-- What must hold afterwards: nothing personal remains; the person's public contributions stay
-- where they are, signed « contributeur supprimé »; their votes still count (tallies unchanged)
-- but nobody, not even someone reading the tables, can tell who cast them.
--
-- Design:
-- 1. The account row is anonymised in place rather than deleted: amendments, revisions,
--    arguments, annotations, replies, responses, commission seats and decisions keep pointing at
--    it, and every page or export that joins `users` for a name now reads « contributeur
--    supprimé » with no code of its own. The e-mail becomes `deleted:<random uuid>` (unique,
--    not an address, matches no login), the password hash goes (nothing can log in), roles and
--    the organisation label go, sessions and notifications are deleted, `deleted_at` is set.
-- 2. Ballots are detached from it: each vote row moves to an anonymous placeholder account of
--    its own (one per vote, same shape as a deleted account, dated with a fixed neutral time).
--    Anonymising in place alone would leave every vote attached to the row that also signs the
--    person's amendments — which were public under their name — so anyone with the tables could
--    read how that person voted, and for their own amendments most of all. One placeholder per
--    vote (rather than one per person) also keeps the ballots of one person from being grouped
--    and fingerprinted. Moving a vote changes neither its target nor its value, so tallies stay
--    exact; the trigger below now ignores such moves so that `vote_events` does not record them
--    (a burst of events at the moment of deletion would say which targets the person voted on).
--    Commission votes are the acts of an appointed member, weighed by college through
--    `commission_members`: they stay with the anonymised row, which keeps its seat.
-- What this does not reach: database backups and the write-ahead log, which keep older states
-- until they are rotated.

ALTER TABLE users ADD COLUMN deleted_at timestamptz;
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
-- A live account has a password; a deleted one (or a ballot placeholder) has none.
ALTER TABLE users ADD CONSTRAINT users_deleted_no_password CHECK ((deleted_at IS NULL) = (password_hash IS NOT NULL));

-- Same function as in 004_votes.sql, plus the first test: an update that moves a vote to another
-- account without changing its target or value changes no tally and is not a vote event.
CREATE OR REPLACE FUNCTION votes_maintain_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t_type text := COALESCE(NEW.target_type, OLD.target_type);
  t_id   uuid := COALESCE(NEW.target_id, OLD.target_id);
  d_for int := 0; d_mit int := 0; d_against int := 0;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id
     AND NEW.value = OLD.value THEN
    RETURN NULL;
  END IF;
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

-- Moves each vote of an account to a placeholder account of its own; returns how many moved.
CREATE FUNCTION detach_votes(p_user uuid) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v record;
  ghost uuid;
  n integer := 0;
BEGIN
  FOR v IN SELECT target_type, target_id FROM votes WHERE user_id = p_user FOR UPDATE LOOP
    INSERT INTO users (email, password_hash, display_name, kind, roles, created_at, deleted_at)
      VALUES ('deleted:' || gen_random_uuid(), NULL, 'contributeur supprimé', 'citizen', '{}',
              'epoch', 'epoch')
      RETURNING id INTO ghost;
    UPDATE votes SET user_id = ghost WHERE target_type = v.target_type AND target_id = v.target_id AND user_id = p_user;
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- The reconciled text frozen at adoption names the authors of adopted amendments; it stays
-- append-only, except for the one rewrite an account deletion makes (replacing a name), which the
-- deleting transaction announces with `SET LOCAL palimpseste.erasure = 'on'`.
CREATE FUNCTION forbid_update_except_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('palimpseste.erasure', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
DROP TRIGGER adopted_texts_append_only ON adopted_texts;
CREATE TRIGGER adopted_texts_append_only BEFORE UPDATE ON adopted_texts
  FOR EACH ROW EXECUTE FUNCTION forbid_update_except_erasure();

-- A contributor's public page lists their arguments and annotations newest first.
CREATE INDEX arguments_author_idx ON arguments (author_id, created_at DESC);
CREATE INDEX annotations_author_idx ON annotations (author_id, created_at DESC);
CREATE INDEX annotation_replies_author_idx ON annotation_replies (author_id, created_at DESC);
-- No index on votes (user_id): exporting or deleting an account is rare and may scan the table
-- once; every vote, the hot path of a consultation, would pay for the index.
