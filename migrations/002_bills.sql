-- Bills, their articles in text order, and each article's immutable versions (1 = the import).
CREATE TABLE bills (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title      text NOT NULL,
  status     text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'consultation', 'commission', 'adopted')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bills_created_idx ON bills (created_at DESC, id);

CREATE TABLE articles (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id         uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  position        integer NOT NULL,
  number          text NOT NULL,
  headings        jsonb NOT NULL DEFAULT '[]',
  current_version integer NOT NULL DEFAULT 1,
  UNIQUE (bill_id, number),
  UNIQUE (bill_id, position)
);

CREATE TABLE article_versions (
  article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  version    integer NOT NULL CHECK (version >= 1),
  alineas    jsonb NOT NULL CHECK (jsonb_typeof(alineas) = 'array'),
  reason     text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, version)
);

-- History is append-only: a version, once written, is never rewritten.
CREATE FUNCTION forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER article_versions_append_only BEFORE UPDATE ON article_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_update();
