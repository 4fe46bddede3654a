-- Restart recovery of a sortition's lottery (docs/sortition.md › Calcul interrompu). The process
-- computing a lottery holds a lease: its id and a heartbeat renewed while it works. A lottery
-- left « computing » with an old heartbeat (the server stopped or crashed) is taken over by any
-- process — at start, then by a periodic sweep — and computed again from the start (the
-- computation is deterministic); after a few interrupted attempts it is marked failed, with the
-- reason, and the admin relaunches it.
ALTER TABLE sortitions
  ADD COLUMN compute_owner     text,
  ADD COLUMN compute_heartbeat timestamptz,
  ADD COLUMN compute_attempts  integer NOT NULL DEFAULT 0;
