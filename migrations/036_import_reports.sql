-- Issue 16 › post → redirect → get: the report of a parliamentary import made from the HTML form,
-- kept for the page the browser is sent to (GET /textes/:billId/amendements/importer?rapport=…),
-- which only the account that imported reads. A report can be long (a re-import skips every
-- amendment already there), too long for an address. Kept a day, then removed by the next import.
CREATE TABLE import_reports (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id    uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  report     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_reports_created_idx ON import_reports (created_at);
