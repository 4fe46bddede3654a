-- Search, plain-language summaries and co-signatures (issue 16 › 1 and 2; API.md › Participation).
--
-- French full-text search: the `palimpseste_fr` configuration is `french` with accents folded
-- first (unaccent, then the French Snowball stemmer), so « ecoles » finds « école » and
-- « amendements » finds « amendement ». Both extensions exist on the PostgreSQL server and in the
-- embedded PGlite (server/db/pglite.ts loads them); both are trusted extensions.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TEXT SEARCH CONFIGURATION palimpseste_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION palimpseste_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- What the admin or a clerk writes to explain the text (« Exposé des motifs », « Ce que change
-- cet article »); null when nothing was written.
ALTER TABLE bills ADD COLUMN memorandum text CHECK (length(memorandum) BETWEEN 1 AND 50000);
ALTER TABLE articles ADD COLUMN summary text CHECK (length(summary) BETWEEN 1 AND 20000);

-- Search vectors, kept up to date by PostgreSQL itself: generated columns where the text lives in
-- the row; for articles, whose text lives in `article_versions`, the triggers below. Weights: A
-- for what names or explains (titles, exposés, summaries), B for the text, C for quotations.
ALTER TABLE bills ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('palimpseste_fr', title), 'A') ||
  setweight(to_tsvector('palimpseste_fr', coalesce(memorandum, '')), 'B')) STORED;
ALTER TABLE amendments ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('palimpseste_fr', rationale), 'A') ||
  setweight(to_tsvector('palimpseste_fr', coalesce(dispositif, '')), 'B') ||
  setweight(to_tsvector('palimpseste_fr', alineas), 'C')) STORED;
ALTER TABLE arguments ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector('palimpseste_fr', body)) STORED;
ALTER TABLE annotations ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('palimpseste_fr', body), 'A') ||
  setweight(to_tsvector('palimpseste_fr', quote), 'C')) STORED;
ALTER TABLE amendment_responses ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector('palimpseste_fr', body)) STORED;
ALTER TABLE users ADD COLUMN search tsvector GENERATED ALWAYS AS (
  to_tsvector('palimpseste_fr', display_name)) STORED;
ALTER TABLE articles ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;

-- An article's vector: its summary, its headings and the text of its current version.
CREATE FUNCTION article_search_vector(p_id uuid, p_version integer, p_headings jsonb, p_summary text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('palimpseste_fr', coalesce(p_summary, '')), 'A')
      || setweight(to_tsvector('palimpseste_fr', p_headings), 'B')
      || setweight(coalesce((SELECT to_tsvector('palimpseste_fr', v.alineas) FROM article_versions v
                             WHERE v.article_id = p_id AND v.version = p_version), ''::tsvector), 'B')
$$;
CREATE FUNCTION articles_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := article_search_vector(NEW.id, NEW.current_version, NEW.headings, NEW.summary);
  RETURN NEW;
END $$;
CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF summary, headings, current_version ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_search_refresh();
-- A new version is written after its article row (same statement or later): refresh then.
CREATE FUNCTION article_versions_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles SET search = article_search_vector(id, current_version, headings, summary)
    WHERE id = NEW.article_id AND current_version = NEW.version;
  RETURN NULL;
END $$;
CREATE TRIGGER article_versions_search AFTER INSERT ON article_versions
  FOR EACH ROW EXECUTE FUNCTION article_versions_search_refresh();
UPDATE articles SET search = article_search_vector(id, current_version, headings, summary);

-- GIN indexes. Drafts are never searched: the amendments' index leaves them out.
CREATE INDEX bills_search_idx ON bills USING gin (search);
CREATE INDEX articles_search_idx ON articles USING gin (search);
CREATE INDEX amendments_search_idx ON amendments USING gin (search) WHERE status <> 'draft';
CREATE INDEX arguments_search_idx ON arguments USING gin (search);
CREATE INDEX annotations_search_idx ON annotations USING gin (search);
CREATE INDEX amendment_responses_search_idx ON amendment_responses USING gin (search);
CREATE INDEX users_search_idx ON users USING gin (search) WHERE deleted_at IS NULL;

-- Co-signatures: a person who finds that a tabled amendment already says what they meant joins it
-- as a co-signatory instead of tabling a duplicate. The authors stay its authors (they wrote it
-- and answer for its text); co-signatories are listed under them, and may leave while the
-- amendment is open. Like authorship, a co-signature is public and stays with an account deleted
-- later (signed « contributeur supprimé »).
CREATE TABLE cosignatures (
  amendment_id uuid NOT NULL REFERENCES amendments (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (amendment_id, user_id)
);
CREATE INDEX cosignatures_user_idx ON cosignatures (user_id);
