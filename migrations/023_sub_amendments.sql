-- Sous-amendements and rectified amendments (issue 14 › 4; docs/dispositif.md › Sous-amendements).
-- A sous-amendement amends another amendment of the same bill (`parent_id`); it is examined just
-- before it, and adopting it rewrites that amendment: a revision of kind 'sub_amendment' on the
-- parent, its earlier text kept in the history. A rectified amendment (« rect. », « rect. bis »)
-- replaces its earlier version in place: `rectification` counts the rectifications, and a
-- revision of kind 'rectification' holds the new text, the earlier one staying in the history.
ALTER TABLE amendments
  ADD COLUMN parent_id uuid REFERENCES amendments (id) ON DELETE SET NULL,
  ADD COLUMN rectification integer NOT NULL DEFAULT 0 CHECK (rectification BETWEEN 0 AND 20),
  ADD CONSTRAINT amendments_parent_not_self CHECK (parent_id IS DISTINCT FROM id);
CREATE INDEX amendments_parent_idx ON amendments (parent_id) WHERE parent_id IS NOT NULL;

ALTER TABLE amendment_revisions DROP CONSTRAINT amendment_revisions_kind_check;
ALTER TABLE amendment_revisions ADD CONSTRAINT amendment_revisions_kind_check
  CHECK (kind IN ('draft', 'submission', 'formalisation', 'rectification', 'sub_amendment'));
