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
