-- The vote hot path in one round trip: check that the target accepts votes, cast, return the tally.
-- The rules are those of server/commands/cast-vote.ts (which maps each outcome to its error):
-- the target exists and is public (not a draft); the bill is in consultation; an amendment is
-- still open (submitted or formalised, as OPEN_STATUSES in shared/amendment.ts); nothing hidden.
CREATE FUNCTION cast_vote_checked(p_type text, p_target uuid, p_user uuid, p_value text)
RETURNS TABLE (outcome text, bill_status text, n_for integer, n_mitigated integer, n_against integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_bill text;
  v_status text;
  v_hidden text;
BEGIN
  IF p_type = 'article' THEN
    SELECT b.status, NULL, NULL INTO v_bill, v_status, v_hidden
      FROM articles a JOIN bills b ON b.id = a.bill_id WHERE a.id = p_target;
  ELSIF p_type = 'amendment' THEN
    SELECT b.status, a.status, a.hidden_reason INTO v_bill, v_status, v_hidden
      FROM amendments a JOIN bills b ON b.id = a.bill_id WHERE a.id = p_target;
  ELSE
    SELECT b.status, NULL, g.hidden_reason INTO v_bill, v_status, v_hidden
      FROM arguments g JOIN bills b ON b.id = g.bill_id WHERE g.id = p_target;
  END IF;
  IF v_bill IS NULL OR v_status = 'draft' THEN
    RETURN QUERY SELECT 'not_found', v_bill, 0, 0, 0; RETURN;
  ELSIF v_bill <> 'consultation' THEN
    RETURN QUERY SELECT 'wrong_phase', v_bill, 0, 0, 0; RETURN;
  ELSIF v_status IS NOT NULL AND v_status NOT IN ('submitted', 'formalised') THEN
    RETURN QUERY SELECT 'closed', v_bill, 0, 0, 0; RETURN;
  ELSIF v_hidden IS NOT NULL THEN
    RETURN QUERY SELECT 'hidden', v_bill, 0, 0, 0; RETURN;
  END IF;
  RETURN QUERY SELECT 'ok', v_bill, c.n_for, c.n_mitigated, c.n_against FROM cast_vote(p_type, p_target, p_user, p_value) c;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'ok', v_bill, 0, 0, 0;
  END IF;
END $$;
