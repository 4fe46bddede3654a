-- Search, faster (issue 16 › 1: search p99 ≤ 50 ms with 100,000 amendments and 200,000 arguments).
--
-- One table of searchable documents instead of a UNION over seven tables: one narrow row per
-- bill, article, amendment, argument, annotation and official response, with its search vector
-- (the same vectors and weights as migration 027), its type, its bill, its article, its status
-- (amendments) and whether it is public. Searches read this table only, through a GIN index
-- that also holds the bill and the article (btree_gin), so that filters are resolved in the
-- index: the article of an argument on an amendment is stored, not joined at every search.
-- Contributors stay in `users` (a name, public once something of theirs is: decided at search
-- time, migration 027).
--
-- Public, as migration 027 decided it at search time, now stored:
--   `listed`      — the document itself: a bill always; an article not deleted; an amendment not
--                   a draft and not hidden by the moderation; an argument not hidden, on an article
--                   or on a listed amendment; an annotation not hidden; a response on a listed
--                   amendment;
--   `bill_public` — its bill is not a draft.
-- Kept by triggers on the source tables, in the same transaction as the write: no command can
-- forget it. Drafts have a row (not listed), so that submitting one only flips a flag.
CREATE TABLE search_documents (
  doc_type    text NOT NULL CHECK (doc_type IN ('bill', 'article', 'amendment', 'argument', 'annotation', 'response')),
  -- uuid, or the bigint id of a response, as text
  doc_id      text NOT NULL,
  bill_id     uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  article_id  uuid,
  status      text,
  listed      boolean NOT NULL,
  bill_public boolean NOT NULL,
  search      tsvector NOT NULL,
  PRIMARY KEY (doc_type, doc_id)
) PARTITION BY LIST (doc_type);
-- One partition per type: a search runs once per type, and a word found in most documents of a
-- type is found soonest by reading that type's rows in order until 250 match (the planner's
-- choice, from the words' frequencies), never the other types' rows. (server/sql/search.ts names
-- the partitions: through the parent, PostgreSQL 15 would not weigh the LIMIT.) A risk to watch:
-- a word frequent overall but found only in the most recent rows (one new bill's vocabulary)
-- makes that reading long; the bench's words are spread evenly.
CREATE TABLE search_documents_bill PARTITION OF search_documents FOR VALUES IN ('bill');
CREATE TABLE search_documents_article PARTITION OF search_documents FOR VALUES IN ('article');
CREATE TABLE search_documents_amendment PARTITION OF search_documents FOR VALUES IN ('amendment');
CREATE TABLE search_documents_argument PARTITION OF search_documents FOR VALUES IN ('argument');
CREATE TABLE search_documents_annotation PARTITION OF search_documents FOR VALUES IN ('annotation');
CREATE TABLE search_documents_response PARTITION OF search_documents FOR VALUES IN ('response');

-- The vectors (migration 027's expressions, written once).
CREATE FUNCTION amendment_search_vector(p_rationale text, p_dispositif text, p_alineas jsonb)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('palimpseste_fr', p_rationale), 'A') ||
         setweight(to_tsvector('palimpseste_fr', coalesce(p_dispositif, '')), 'B') ||
         setweight(to_tsvector('palimpseste_fr', p_alineas), 'C')
$$;
CREATE FUNCTION annotation_search_vector(p_body text, p_quote text)
RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(to_tsvector('palimpseste_fr', p_body), 'A') || setweight(to_tsvector('palimpseste_fr', p_quote), 'C')
$$;

-- Each type's rows, recomputed from the source tables for the given ids (inserted or updated).
CREATE FUNCTION search_refresh_bills(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'bill', b.id::text, b.id, NULL, NULL, true, b.status <> 'draft', b.search FROM bills b WHERE b.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;
CREATE FUNCTION search_refresh_articles(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'article', a.id::text, a.bill_id, a.id, NULL, a.deleted_at IS NULL, b.status <> 'draft', a.search
  FROM articles a JOIN bills b ON b.id = a.bill_id WHERE a.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET listed = EXCLUDED.listed, bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;
CREATE FUNCTION search_refresh_amendments(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'amendment', m.id::text, m.bill_id, m.article_id, m.status, m.status <> 'draft' AND m.hidden_reason IS NULL,
         b.status <> 'draft', amendment_search_vector(m.rationale, m.dispositif, m.alineas)
  FROM amendments m JOIN bills b ON b.id = m.bill_id WHERE m.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET bill_id = EXCLUDED.bill_id, article_id = EXCLUDED.article_id, status = EXCLUDED.status,
    listed = EXCLUDED.listed, bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;
CREATE FUNCTION search_refresh_arguments(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'argument', g.id::text, g.bill_id, coalesce(m.article_id, g.target_id), NULL,
         g.hidden_reason IS NULL AND (g.target_type = 'article' OR coalesce(m.status <> 'draft' AND m.hidden_reason IS NULL, false)),
         b.status <> 'draft', to_tsvector('palimpseste_fr', g.body)
  FROM arguments g JOIN bills b ON b.id = g.bill_id LEFT JOIN amendments m ON g.target_type = 'amendment' AND m.id = g.target_id
  WHERE g.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET article_id = EXCLUDED.article_id, listed = EXCLUDED.listed,
    bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;
CREATE FUNCTION search_refresh_annotations(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'annotation', n.id::text, n.bill_id, n.article_id, NULL, n.hidden_reason IS NULL, b.status <> 'draft',
         annotation_search_vector(n.body, n.quote)
  FROM annotations n JOIN bills b ON b.id = n.bill_id WHERE n.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET article_id = EXCLUDED.article_id, listed = EXCLUDED.listed,
    bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;
CREATE FUNCTION search_refresh_responses(p_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_documents (doc_type, doc_id, bill_id, article_id, status, listed, bill_public, search)
  SELECT 'response', r.id::text, m.bill_id, m.article_id, NULL, m.status <> 'draft' AND m.hidden_reason IS NULL,
         b.status <> 'draft', to_tsvector('palimpseste_fr', r.body)
  FROM amendment_responses r JOIN amendments m ON m.id = r.amendment_id JOIN bills b ON b.id = m.bill_id WHERE r.id = ANY (p_ids)
  ON CONFLICT (doc_type, doc_id) DO UPDATE SET article_id = EXCLUDED.article_id, listed = EXCLUDED.listed,
    bill_public = EXCLUDED.bill_public, search = EXCLUDED.search
$$;

-- Inserts: once per statement (a bulk import writes thousands of rows in one INSERT).
CREATE FUNCTION search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'bills' THEN PERFORM search_refresh_bills(ARRAY(SELECT id FROM new_rows));
    WHEN 'articles' THEN PERFORM search_refresh_articles(ARRAY(SELECT id FROM new_rows));
    WHEN 'amendments' THEN PERFORM search_refresh_amendments(ARRAY(SELECT id FROM new_rows));
    WHEN 'arguments' THEN PERFORM search_refresh_arguments(ARRAY(SELECT id FROM new_rows));
    WHEN 'annotations' THEN PERFORM search_refresh_annotations(ARRAY(SELECT id FROM new_rows));
    WHEN 'amendment_responses' THEN PERFORM search_refresh_responses(ARRAY(SELECT id FROM new_rows));
  END CASE;
  RETURN NULL;
END $$;
CREATE TRIGGER bills_search_insert AFTER INSERT ON bills REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();
CREATE TRIGGER amendments_search_insert AFTER INSERT ON amendments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();
CREATE TRIGGER arguments_search_insert AFTER INSERT ON arguments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();
CREATE TRIGGER annotations_search_insert AFTER INSERT ON annotations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();
CREATE TRIGGER amendment_responses_search_insert AFTER INSERT ON amendment_responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_inserted();

-- Updates: per row, only when something the search stores changed.
CREATE FUNCTION search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'bills' THEN
      PERFORM search_refresh_bills(ARRAY[NEW.id]);
      IF (OLD.status = 'draft') IS DISTINCT FROM (NEW.status = 'draft') THEN
        UPDATE search_documents SET bill_public = NEW.status <> 'draft' WHERE bill_id = NEW.id;
      END IF;
    WHEN 'articles' THEN PERFORM search_refresh_articles(ARRAY[NEW.id]);
    WHEN 'amendments' THEN
      PERFORM search_refresh_amendments(ARRAY[NEW.id]);
      -- what hangs on it: its arguments and responses are public only while it is
      IF (OLD.status = 'draft' OR OLD.hidden_reason IS NOT NULL) IS DISTINCT FROM (NEW.status = 'draft' OR NEW.hidden_reason IS NOT NULL)
         OR OLD.article_id IS DISTINCT FROM NEW.article_id THEN
        PERFORM search_refresh_arguments(ARRAY(SELECT id FROM arguments WHERE target_type = 'amendment' AND target_id = NEW.id));
        PERFORM search_refresh_responses(ARRAY(SELECT id FROM amendment_responses WHERE amendment_id = NEW.id));
      END IF;
    WHEN 'arguments' THEN PERFORM search_refresh_arguments(ARRAY[NEW.id]);
    WHEN 'annotations' THEN PERFORM search_refresh_annotations(ARRAY[NEW.id]);
    WHEN 'amendment_responses' THEN PERFORM search_refresh_responses(ARRAY[NEW.id]);
  END CASE;
  RETURN NULL;
END $$;
-- (articles.search is set by a BEFORE trigger, which a column list would not see: compare instead)
CREATE TRIGGER bills_search_update AFTER UPDATE ON bills FOR EACH ROW
  WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION search_updated();
CREATE TRIGGER articles_search_update AFTER UPDATE ON articles FOR EACH ROW
  WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION search_updated();
CREATE TRIGGER amendments_search_update AFTER UPDATE ON amendments FOR EACH ROW
  WHEN (OLD.rationale IS DISTINCT FROM NEW.rationale OR OLD.dispositif IS DISTINCT FROM NEW.dispositif
        OR OLD.alineas IS DISTINCT FROM NEW.alineas OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.hidden_reason IS DISTINCT FROM NEW.hidden_reason OR OLD.article_id IS DISTINCT FROM NEW.article_id
        OR OLD.bill_id IS DISTINCT FROM NEW.bill_id)
  EXECUTE FUNCTION search_updated();
CREATE TRIGGER arguments_search_update AFTER UPDATE ON arguments FOR EACH ROW
  WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.hidden_reason IS DISTINCT FROM NEW.hidden_reason
        OR OLD.target_type IS DISTINCT FROM NEW.target_type OR OLD.target_id IS DISTINCT FROM NEW.target_id)
  EXECUTE FUNCTION search_updated();
CREATE TRIGGER annotations_search_update AFTER UPDATE ON annotations FOR EACH ROW
  WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.quote IS DISTINCT FROM NEW.quote
        OR OLD.hidden_reason IS DISTINCT FROM NEW.hidden_reason OR OLD.article_id IS DISTINCT FROM NEW.article_id)
  EXECUTE FUNCTION search_updated();
CREATE TRIGGER amendment_responses_search_update AFTER UPDATE ON amendment_responses FOR EACH ROW
  WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.amendment_id IS DISTINCT FROM NEW.amendment_id)
  EXECUTE FUNCTION search_updated();

-- Deletes (a deleted bill takes its rows with it: the foreign key above).
CREATE FUNCTION search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  CASE TG_TABLE_NAME
    WHEN 'articles' THEN DELETE FROM search_documents WHERE doc_type = 'article' AND doc_id = OLD.id::text;
    WHEN 'amendments' THEN
      DELETE FROM search_documents WHERE doc_type = 'amendment' AND doc_id = OLD.id::text;
      -- its arguments stay, no longer public (migration 027: an argument on a missing amendment is not listed)
      UPDATE search_documents d SET listed = false FROM arguments g
        WHERE g.target_type = 'amendment' AND g.target_id = OLD.id AND d.doc_type = 'argument' AND d.doc_id = g.id::text;
    WHEN 'arguments' THEN DELETE FROM search_documents WHERE doc_type = 'argument' AND doc_id = OLD.id::text;
    WHEN 'annotations' THEN DELETE FROM search_documents WHERE doc_type = 'annotation' AND doc_id = OLD.id::text;
    WHEN 'amendment_responses' THEN DELETE FROM search_documents WHERE doc_type = 'response' AND doc_id = OLD.id::text;
  END CASE;
  RETURN NULL;
END $$;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION search_deleted();
CREATE TRIGGER amendments_search_delete AFTER DELETE ON amendments FOR EACH ROW EXECUTE FUNCTION search_deleted();
CREATE TRIGGER arguments_search_delete AFTER DELETE ON arguments FOR EACH ROW EXECUTE FUNCTION search_deleted();
CREATE TRIGGER annotations_search_delete AFTER DELETE ON annotations FOR EACH ROW EXECUTE FUNCTION search_deleted();
CREATE TRIGGER amendment_responses_search_delete AFTER DELETE ON amendment_responses FOR EACH ROW EXECUTE FUNCTION search_deleted();

-- What exists already.
SELECT search_refresh_bills(ARRAY(SELECT id FROM bills));
SELECT search_refresh_articles(ARRAY(SELECT id FROM articles));
SELECT search_refresh_amendments(ARRAY(SELECT id FROM amendments));
SELECT search_refresh_arguments(ARRAY(SELECT id FROM arguments));
SELECT search_refresh_annotations(ARRAY(SELECT id FROM annotations));
SELECT search_refresh_responses(ARRAY(SELECT id FROM amendment_responses));

-- The index (one per partition): bill and article beside the words (btree_gin, a trusted extension of the
-- PostgreSQL contrib, also in PGlite: server/db/pglite.ts loads it), public documents only.
-- Without btree_gin, a GIN index on the words and a btree on the article (filters then read the
-- table): slower, same results.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'btree_gin unavailable (%): search filters read the table', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
    CREATE INDEX search_documents_idx ON search_documents USING gin (bill_id, article_id, search) WHERE listed AND bill_public;
  ELSE
    CREATE INDEX search_documents_idx ON search_documents USING gin (search) WHERE listed AND bill_public;
    CREATE INDEX search_documents_article_idx ON search_documents (article_id) WHERE listed AND bill_public;
  END IF;
END $$;
CREATE INDEX search_documents_bill_idx ON search_documents (bill_id);

-- The search vectors of the big tables live in search_documents only; the generated columns and
-- the per-table indexes of migration 027 go (bills and articles keep theirs, as sources).
DROP INDEX bills_search_idx;
DROP INDEX articles_search_idx;
ALTER TABLE amendments DROP COLUMN search;
ALTER TABLE arguments DROP COLUMN search;
ALTER TABLE annotations DROP COLUMN search;
ALTER TABLE amendment_responses DROP COLUMN search;
