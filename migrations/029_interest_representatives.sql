-- Interest representatives (issue 17 › 2, docs/interest-representatives.md): an organisation's
-- declaration (HATVP register number, interests, budget band); what an amendment or an argument
-- says it was inspired by; the clerks' markings; the commission's hearings and their minutes.

-- One declaration per organisation. Withdrawing keeps the row (withdrawn_at): what the
-- organisation wrote while declared stays in the legislative footprint.
CREATE TABLE interest_representatives (
  user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- the organisation's identifier in the HATVP register: HATVP's own (H + 9 digits), or its
  -- SIREN (9 digits) or RNA (W + 9) number, as the register lists organisations
  register     text CHECK (register ~ '^(H[0-9]{9}|[0-9]{9}|W[0-9A-Z]{9})$'),
  interests    text[] NOT NULL CHECK (cardinality(interests) BETWEEN 1 AND 20),
  budget_band  text CHECK (budget_band IN ('lt_10k', '10k_50k', '50k_100k', '100k_500k', '500k_1m', 'gt_1m')),
  declared_at  timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);

-- « Inspiré par … », as the authors declare it (set while the amendment is a draft).
ALTER TABLE amendments ADD COLUMN inspired_by uuid REFERENCES users (id);
ALTER TABLE arguments ADD COLUMN inspired_by uuid REFERENCES users (id);
CREATE INDEX amendments_inspired_by_idx ON amendments (inspired_by) WHERE inspired_by IS NOT NULL;

-- A clerk's marking: this amendment was inspired by this representative. Who marked it and when
-- stays here; removing a marking deletes the row, and both acts are events of the history.
CREATE TABLE amendment_inspiration_marks (
  amendment_id      uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  representative_id uuid NOT NULL REFERENCES users (id),
  marked_by         uuid NOT NULL REFERENCES users (id),
  note              text NOT NULL DEFAULT '',
  marked_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (amendment_id, representative_id)
);

-- The commission's hearings: who was heard (a declared representative, or named in words), on
-- what day, about the whole text or one article; the minutes as a file (PDF or plain text).
CREATE TABLE hearings (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id           uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  article_id        uuid REFERENCES articles (id) ON DELETE SET NULL,
  held_on           date NOT NULL,
  representative_id uuid REFERENCES users (id),
  heard             text CHECK (char_length(heard) BETWEEN 1 AND 200),
  subject           text NOT NULL DEFAULT '',
  created_by        uuid NOT NULL REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((representative_id IS NULL) <> (heard IS NULL))
);
CREATE INDEX hearings_bill_idx ON hearings (bill_id, held_on, created_at);

CREATE TABLE hearing_minutes (
  hearing_id  uuid PRIMARY KEY REFERENCES hearings (id) ON DELETE CASCADE,
  media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'text/plain')),
  filename    text NOT NULL,
  size        integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
  content     bytea NOT NULL,
  sha256      text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
