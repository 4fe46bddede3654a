-- Assisted and collective contributions (issue 16 › 3; docs/mediators.md).
--
-- A mediator (a « structure de médiation », a workshop organiser) holds the role `mediator`,
-- granted by an admin with its declared name and town. It files amendments, arguments and
-- annotations on behalf of a person (with their consent) or for a workshop; never votes.
ALTER TABLE users DROP CONSTRAINT users_roles_check;
ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['admin', 'clerk', 'moderator', 'mediator']::text[]);

-- The declaration of a mediator: kept when the role is withdrawn, since the contributions it
-- collected still name it (the provenance below copies it anyway).
CREATE TABLE mediators (
  user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  town        text NOT NULL CHECK (length(town) BETWEEN 1 AND 120),
  granted_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  granted_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per contribution filed by a mediator: for whom, by whom (name and town as declared at
-- the time), and its claim by the person. The claim code is high-entropy and stored as its
-- SHA-256 only; it stays after use, so that reusing it is told apart from a wrong code.
CREATE TABLE assisted_contributions (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type           text NOT NULL CHECK (subject_type IN ('amendment', 'argument', 'annotation')),
  subject_id             uuid NOT NULL,
  bill_id                uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  mediator_id            uuid REFERENCES users (id) ON DELETE SET NULL,
  mediator_name          text NOT NULL,
  mediator_town          text NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('person', 'workshop')),
  person_name            text CHECK (length(person_name) BETWEEN 1 AND 80),
  consent_at             timestamptz,
  workshop_place         text CHECK (length(workshop_place) BETWEEN 1 AND 120),
  workshop_date          date,
  workshop_participants  integer CHECK (workshop_participants BETWEEN 2 AND 1000),
  claim_hash             bytea UNIQUE,
  claimed_by             uuid REFERENCES users (id) ON DELETE SET NULL,
  claimed_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_type, subject_id),
  CHECK (kind <> 'person' OR (person_name IS NOT NULL AND consent_at IS NOT NULL AND claim_hash IS NOT NULL)),
  CHECK (kind <> 'workshop' OR (workshop_place IS NOT NULL AND workshop_date IS NOT NULL AND workshop_participants IS NOT NULL))
);
CREATE INDEX assisted_contributions_bill ON assisted_contributions (bill_id);
