-- Amendments imported from the Assemblée and the Sénat (API.md › Second stage › Legistics):
-- origin 'parliament', their printed number (« 123 rect. »), their signatories and group as text
-- (not platform accounts) and their dispositif. `alineas` holds the article as amended only when
-- the engine could apply the dispositif (`text_computed`); otherwise it stays empty.
ALTER TABLE amendments DROP CONSTRAINT amendments_origin_check;
ALTER TABLE amendments ADD CONSTRAINT amendments_origin_check CHECK (origin IN ('citizen', 'commission', 'parliament'));
ALTER TABLE amendments
  ADD COLUMN parliament_number text,
  ADD COLUMN parliament_authors text,
  ADD COLUMN parliament_group text,
  ADD COLUMN dispositif text,
  ADD COLUMN text_computed boolean NOT NULL DEFAULT true,
  ADD CONSTRAINT amendments_parliament_check CHECK ((origin = 'parliament') = (parliament_number IS NOT NULL));
CREATE UNIQUE INDEX amendments_parliament_number_idx ON amendments (bill_id, parliament_number) WHERE origin = 'parliament';

-- Citizens do not vote on parliamentary amendments (they are shown beside theirs, kept out of
-- tallies and rankings by support): cast_vote_checked (migration 010) answers 'parliament'.
CREATE OR REPLACE FUNCTION cast_vote_checked(p_type text, p_target uuid, p_user uuid, p_value text)
RETURNS TABLE (outcome text, bill_status text, n_for integer, n_mitigated integer, n_against integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_bill text;
  v_status text;
  v_hidden text;
  v_origin text;
BEGIN
  IF p_type = 'article' THEN
    SELECT b.status, NULL, NULL INTO v_bill, v_status, v_hidden
      FROM articles a JOIN bills b ON b.id = a.bill_id WHERE a.id = p_target;
  ELSIF p_type = 'amendment' THEN
    SELECT b.status, a.status, a.hidden_reason, a.origin INTO v_bill, v_status, v_hidden, v_origin
      FROM amendments a JOIN bills b ON b.id = a.bill_id WHERE a.id = p_target;
  ELSE
    SELECT b.status, NULL, g.hidden_reason INTO v_bill, v_status, v_hidden
      FROM arguments g JOIN bills b ON b.id = g.bill_id WHERE g.id = p_target;
  END IF;
  IF v_bill IS NULL OR v_status = 'draft' THEN
    RETURN QUERY SELECT 'not_found', v_bill, 0, 0, 0; RETURN;
  ELSIF v_origin = 'parliament' THEN
    RETURN QUERY SELECT 'parliament', v_bill, 0, 0, 0; RETURN;
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
