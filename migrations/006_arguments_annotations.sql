-- Arguments for and against an amendment or an article.
CREATE TABLE arguments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id     uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  target_type text NOT NULL CHECK (target_type IN ('article', 'amendment')),
  target_id   uuid NOT NULL,
  side        text NOT NULL CHECK (side IN ('for', 'against')),
  body        text NOT NULL,
  author_id   uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX arguments_target_idx ON arguments (target_type, target_id);

-- Annotations on a passage of a published article version (W3C TextQuoteSelector + position).
CREATE TABLE annotations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_id     uuid NOT NULL REFERENCES bills (id) ON DELETE CASCADE,
  article_id  uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  alinea      integer NOT NULL CHECK (alinea >= 1),
  start_offset integer NOT NULL CHECK (start_offset >= 0),
  end_offset  integer NOT NULL CHECK (end_offset > start_offset),
  quote       text NOT NULL,
  prefix      text NOT NULL DEFAULT '',
  suffix      text NOT NULL DEFAULT '',
  body        text NOT NULL,
  author_id   uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annotations_article_idx ON annotations (article_id, created_at);

CREATE TABLE annotation_replies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  annotation_id uuid NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  body          text NOT NULL,
  author_id     uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annotation_replies_idx ON annotation_replies (annotation_id, created_at);
