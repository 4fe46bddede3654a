-- Opinion groups (issue 18, docs/opinion-groups.md): the last computation per bill, so that reads
-- (the map, the bridging ranking, the commission dashboard) cost one small query. Nothing here
-- names a voter: the model places anyone from their own votes when they ask for their group.
CREATE TABLE opinion_maps (
  bill_id     uuid PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,
  computed_at timestamptz NOT NULL DEFAULT now(),
  -- the last vote_events id the computation had read up to (a later one makes the bill due again)
  watermark   bigint NOT NULL,
  -- 'amendment:<id>' / 'argument:<id>', in the order of the model's vectors
  item_keys   text[] NOT NULL,
  -- means, components, every cluster's centroid, size and group id (null: under 10, never shown)
  model       jsonb NOT NULL,
  -- the groups shown: id, size, x, y, supports and rejects (item keys)
  groups      jsonb NOT NULL,
  placed      integer NOT NULL,
  k           integer NOT NULL,
  silhouette  double precision,
  duration_ms integer NOT NULL
);

CREATE TABLE opinion_item_scores (
  bill_id     uuid NOT NULL REFERENCES opinion_maps (bill_id) ON DELETE CASCADE,
  target_type text NOT NULL CHECK (target_type IN ('amendment', 'argument')),
  target_id   uuid NOT NULL,
  -- geometric mean of the per-group smoothed support (docs/opinion-groups.md); null when no group is shown
  bridging    double precision,
  -- {<group id>: share or null}, {<group id>: votes}
  support     jsonb NOT NULL,
  votes       jsonb NOT NULL,
  PRIMARY KEY (bill_id, target_type, target_id)
);
