-- The commission may close an amendment without a vote, « non examiné », with a public reason
-- (API.md › Second stage › Process rules): a status of the amendment and an outcome of a decision.
ALTER TABLE amendments DROP CONSTRAINT amendments_status_check;
ALTER TABLE amendments ADD CONSTRAINT amendments_status_check CHECK (status IN
  ('draft', 'submitted', 'formalised', 'inadmissible', 'withdrawn', 'adopted', 'rejected', 'fallen', 'not_examined'));
ALTER TABLE decisions DROP CONSTRAINT decisions_outcome_check;
ALTER TABLE decisions ADD CONSTRAINT decisions_outcome_check CHECK (outcome IN ('adopted', 'rejected', 'fallen', 'not_examined'));
