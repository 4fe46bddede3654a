-- The mixed commission of a bill: members in two colleges, their votes on amendments, decisions
-- (each with the tallies it was taken on), and how the adopted text is recorded.

-- How the commission decides when the admin does not: `simple_majority` (for > against among all
-- members' votes) or `double_majority` (for > against in each college); an optional quorum of
-- votes cast (abstentions included) below which no decision is computed.
ALTER TABLE bills ADD COLUMN decision_rule text NOT NULL DEFAULT 'simple_majority'
  CHECK (decision_rule IN ('simple_majority', 'double_majority'));
ALTER TABLE bills ADD COLUMN quorum integer CHECK (quorum IS NULL OR quorum >= 1);

CREATE TABLE commission_members (
  bill_id      uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  college      text NOT NULL CHECK (college IN ('elected', 'citizen')),
  appointed_by uuid REFERENCES users (id),
  appointed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bill_id, user_id)
);
CREATE INDEX commission_members_user_idx ON commission_members (user_id);

-- One vote per member and amendment; changing it replaces it. Tallies are computed per college.
CREATE TABLE commission_votes (
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  value        text NOT NULL CHECK (value IN ('for', 'against', 'abstain')),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (amendment_id, user_id)
);

-- Decisions are appended, never rewritten: adopted / rejected by the commission, or fallen because
-- an adopted amendment made it impossible (`by_amendment_id`). `tallies` keeps the commission
-- tally per college at the time of the decision; `rule` says how it was reached.
CREATE TABLE decisions (
  id              bigserial PRIMARY KEY,
  amendment_id    uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  bill_id         uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  outcome         text NOT NULL CHECK (outcome IN ('adopted', 'rejected', 'fallen')),
  rule            text NOT NULL CHECK (rule IN ('explicit', 'simple_majority', 'double_majority', 'consequence')),
  reason          text,
  by_amendment_id uuid REFERENCES amendments (id),
  tallies         jsonb NOT NULL DEFAULT '{}',
  decided_by      uuid REFERENCES users (id),
  -- Identical amendments are decided by one vote: one id shared by the decisions of the group.
  group_key       text,
  decided_at      timestamptz NOT NULL DEFAULT now(),
  -- the order in which the bill's decisions were taken (the reconciliation itself follows the
  -- examination order, whatever the order of the decisions)
  seq             integer NOT NULL
);
CREATE UNIQUE INDEX decisions_amendment_idx ON decisions (amendment_id);
CREATE INDEX decisions_bill_idx ON decisions (bill_id, seq);
CREATE TRIGGER decisions_append_only BEFORE UPDATE ON decisions
  FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- Articles deleted by the adopted text stay in history (their versions remain); `deleted_at` says
-- they are no longer part of the text.
ALTER TABLE articles ADD COLUMN deleted_at timestamptz;
-- An article additionnel created at adoption records the amendment it comes from.
ALTER TABLE articles ADD COLUMN from_amendment_id uuid REFERENCES amendments (id);

-- The reconciled text as adopted, frozen at adoption (articles, provenance, applied, fallen).
CREATE TABLE adopted_texts (
  bill_id    uuid PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,
  result     jsonb NOT NULL,
  adopted_by uuid REFERENCES users (id),
  adopted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER adopted_texts_append_only BEFORE UPDATE ON adopted_texts
  FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- Where each article stood in the text as first published (the tableau comparatif's left column
-- keeps this order after adoption has laid the articles out again); null for articles additionnels.
ALTER TABLE articles ADD COLUMN initial_position integer;
UPDATE articles SET initial_position = position;
