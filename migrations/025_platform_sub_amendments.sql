-- Sous-amendements tabled on the platform (issue 14 › 4; docs/sub-amendments.md). A commission
-- member's sous-amendement proposes a new text for a submitted amendment: `parent_revision` is
-- the revision of that amendment it was written against, so that its change can be carried over
-- a later rectification or another adopted sous-amendement (or refused when it no longer applies).
-- Imported parliamentary sous-amendements (migration 023) have none: they carry a dispositif.
ALTER TABLE amendments
  ADD COLUMN parent_revision integer,
  ADD CONSTRAINT amendments_parent_revision_check CHECK (parent_revision IS NULL OR parent_id IS NOT NULL),
  ADD CONSTRAINT amendments_parent_revision_fk FOREIGN KEY (parent_id, parent_revision)
    REFERENCES amendment_revisions (amendment_id, revision);
