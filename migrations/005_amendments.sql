-- Amendments: a draft only its authors see, then submitted (public number, frozen text).
CREATE TABLE amendments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id       uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  article_id    uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('modify', 'delete', 'insert_after')),
  origin        text NOT NULL DEFAULT 'citizen' CHECK (origin IN ('citizen', 'commission')),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN
                  ('draft', 'submitted', 'formalised', 'inadmissible', 'withdrawn', 'adopted', 'rejected', 'fallen')),
  -- Public number, per bill and origin, in submission order; null while a draft.
  number        integer,
  -- The article version the amendment was written against.
  base_version  integer NOT NULL,
  -- Current text and rationale (cache of the latest revision once submitted).
  alineas       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(alineas) = 'array'),
  rationale     text NOT NULL DEFAULT '',
  created_by    uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  submitted_at  timestamptz,
  withdrawn_at  timestamptz,
  UNIQUE (bill_id, origin, number),
  CHECK ((status = 'draft') = (number IS NULL))
);
CREATE INDEX amendments_article_idx ON amendments (article_id, status);
CREATE INDEX amendments_bill_idx ON amendments (bill_id, status, submitted_at);

CREATE TABLE amendment_authors (
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (amendment_id, user_id)
);
CREATE INDEX amendment_authors_user_idx ON amendment_authors (user_id);

-- Every text an amendment had: draft saves (seen by its authors only), the submission, later
-- formalisations by clerks. Never rewritten.
CREATE TABLE amendment_revisions (
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  revision     integer NOT NULL CHECK (revision >= 1),
  kind         text NOT NULL CHECK (kind IN ('draft', 'submission', 'formalisation')),
  alineas      jsonb NOT NULL CHECK (jsonb_typeof(alineas) = 'array'),
  rationale    text NOT NULL,
  dispositif   text,
  author_id    uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (amendment_id, revision)
);
CREATE TRIGGER amendment_revisions_append_only BEFORE UPDATE ON amendment_revisions
  FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- Public numbers are handed out under this row's lock: gapless, in submission order.
CREATE TABLE amendment_counters (
  bill_id     uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  origin      text NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (bill_id, origin)
);

-- Casting a vote and reading the new tally in one round trip (the hot path of a consultation).
-- A null value withdraws the vote. The votes_tally trigger keeps tallies exact.
CREATE FUNCTION cast_vote(p_type text, p_target uuid, p_user uuid, p_value text)
RETURNS TABLE (n_for integer, n_mitigated integer, n_against integer) LANGUAGE plpgsql AS $$
BEGIN
  IF p_value IS NULL THEN
    DELETE FROM votes WHERE target_type = p_type AND target_id = p_target AND user_id = p_user;
  ELSE
    INSERT INTO votes (target_type, target_id, user_id, value) VALUES (p_type, p_target, p_user, p_value)
      ON CONFLICT (target_type, target_id, user_id)
      DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE votes.value IS DISTINCT FROM EXCLUDED.value;
  END IF;
  RETURN QUERY SELECT t.n_for, t.n_mitigated, t.n_against FROM tallies t
    WHERE t.target_type = p_type AND t.target_id = p_target;
END $$;
