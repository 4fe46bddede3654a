-- Issue 18 › the opinion groups' recomputation reads only the votes that changed.
-- A vote's `updated_at` is the time of its last change, the same instant as the `at` of the vote
-- event that change wrote (both are the transaction's now()): the opinion scheduler's vote cache
-- (server/opinion-vote-cache.ts) finds a changed vote by that pair instead of reading again every
-- vote on the item. cast_vote already sets it; this makes it hold for any other writer too.
CREATE FUNCTION votes_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.value IS DISTINCT FROM OLD.value THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER votes_touch BEFORE INSERT OR UPDATE ON votes
  FOR EACH ROW EXECUTE FUNCTION votes_touch();
