/**
 * Migration 2: what the cluster sends and plans — content library, templates, newsletters and mailings,
 * the per-recipient send ledger, the offline outbox, dissemination plans and non-mail touchpoints.
 */
export const sql = /* sql */ `
CREATE TABLE assets (
  id         INTEGER PRIMARY KEY,
  sha256     TEXT NOT NULL UNIQUE,
  mime       TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/gif','image/webp','image/svg+xml')),
  name       TEXT NOT NULL,
  bytes      BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Progress items (Meldungen): the raw material of every message.
CREATE TABLE content_items (
  id               INTEGER PRIMARY KEY,
  topic_id         INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  project_id       INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  region_id        INTEGER REFERENCES partner_regions(id) ON DELETE SET NULL,
  information_kind TEXT NOT NULL CHECK (information_kind IN ('technological_knowledge','foreign_markets','foreign_contacts','other')),
  confidentiality  TEXT NOT NULL DEFAULT 'members' CHECK (confidentiality IN ('public','members','project_group','confidential')),
  -- The circle for project-group items; confidential items name their circle as a static segment.
  group_project_id INTEGER REFERENCES projects(id) ON DELETE RESTRICT,
  group_segment_id INTEGER REFERENCES segments(id) ON DELETE RESTRICT,
  image_asset_id   INTEGER REFERENCES assets(id) ON DELETE SET NULL,
  link             TEXT,
  embargo_until    TEXT,
  status           TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','ready','used')),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (confidentiality <> 'project_group' OR group_project_id IS NOT NULL),
  CHECK (confidentiality <> 'confidential' OR group_segment_id IS NOT NULL)
) STRICT;

CREATE TABLE content_texts (
  item_id  INTEGER NOT NULL REFERENCES content_items(id) ON DELETE CASCADE,
  language TEXT NOT NULL CHECK (length(language) = 2),
  title    TEXT NOT NULL,
  body_md  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_id, language)
) STRICT, WITHOUT ROWID;

-- Audiences. A dynamic segment stores its rule as JSON (compiled to SQL in shared/); a static one lists persons.
CREATE TABLE segments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('dynamic','static')),
  rule        TEXT CHECK (rule IS NULL OR json_valid(rule)),
  one_per_org INTEGER NOT NULL DEFAULT 0 CHECK (one_per_org IN (0, 1)),
  counted_at  TEXT,
  last_count  INTEGER,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (kind = 'static' OR rule IS NOT NULL)
) STRICT;

CREATE TABLE segment_members (
  segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  PRIMARY KEY (segment_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('newsletter','mailing')),
  language   TEXT NOT NULL CHECK (length(language) = 2),
  mjml       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- A newsletter issue or a personalised mailing: one thing that is composed, checked and sent.
CREATE TABLE newsletters (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('newsletter','mailing')),
  title             TEXT NOT NULL,
  template_id       INTEGER REFERENCES templates(id) ON DELETE SET NULL,
  segment_id        INTEGER REFERENCES segments(id) ON DELETE SET NULL,
  purpose           TEXT NOT NULL CHECK (purpose IN ('newsletter','mailing')),
  max_items         INTEGER CHECK (max_items IS NULL OR max_items > 0),
  status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','scheduled','sending','sent','cancelled')),
  scheduled_at      TEXT,
  sent_at           TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;

-- DE and EN variants: each person gets the one in their language.
CREATE TABLE newsletter_variants (
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  language      TEXT NOT NULL CHECK (length(language) = 2),
  subject       TEXT NOT NULL,
  preheader     TEXT,
  mjml          TEXT NOT NULL,
  PRIMARY KEY (newsletter_id, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE newsletter_items (
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  item_id       INTEGER NOT NULL REFERENCES content_items(id) ON DELETE RESTRICT,
  position      INTEGER NOT NULL,
  PRIMARY KEY (newsletter_id, item_id)
) STRICT, WITHOUT ROWID;

-- The per-recipient send ledger: one row per (message, person), written before the SMTP call and
-- updated after it, so a crash mid-send never sends twice and never forgets whom it reached.
CREATE TABLE deliveries (
  id            INTEGER PRIMARY KEY,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE RESTRICT,
  person_id     INTEGER REFERENCES persons(id) ON DELETE SET NULL,
  email         TEXT NOT NULL,
  language      TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed','bounced','skipped')),
  message_id    TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  queued_at     TEXT NOT NULL,
  sent_at       TEXT,
  UNIQUE (newsletter_id, email)
) STRICT;
CREATE INDEX deliveries_person ON deliveries(person_id, sent_at);
CREATE INDEX deliveries_status ON deliveries(newsletter_id, status);

-- Mail captured offline (trade fair) waiting for a connection.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  person_id       INTEGER REFERENCES persons(id) ON DELETE SET NULL,
  to_address      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  html            TEXT NOT NULL,
  text            TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','sending','sent','failed','cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  sent_at         TEXT
) STRICT;

-- Dissemination plans: a mix of channels over time with a cap on what each person receives.
CREATE TABLE plans (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  strategy           TEXT NOT NULL CHECK (strategy IN ('broad_first','topic_first')),
  starts_on          TEXT NOT NULL,
  ends_on            TEXT,
  cap_messages       INTEGER NOT NULL DEFAULT 2 CHECK (cap_messages > 0),
  cap_period_days    INTEGER NOT NULL DEFAULT 30 CHECK (cap_period_days > 0),
  notes              TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE plan_items (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  channel          TEXT NOT NULL CHECK (channel IN ('newsletter','mailing','event','trade_fair','press','social','working_group','meeting')),
  title            TEXT NOT NULL,
  information_kind TEXT CHECK (information_kind IS NULL OR information_kind IN ('technological_knowledge','foreign_markets','foreign_contacts','other')),
  segment_id       INTEGER REFERENCES segments(id) ON DELETE SET NULL,
  newsletter_id    INTEGER REFERENCES newsletters(id) ON DELETE SET NULL,
  project_id       INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  scheduled_on     TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','done','cancelled')),
  notes            TEXT
) STRICT;
CREATE INDEX plan_items_plan ON plan_items(plan_id, scheduled_on);

-- Reach outside e-mail (events, trade fairs, meetings), so "never reached" counts every channel.
CREATE TABLE touchpoints (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER REFERENCES persons(id) ON DELETE SET NULL,
  organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
  channel         TEXT NOT NULL CHECK (channel IN ('newsletter','mailing','event','trade_fair','press','social','working_group','meeting')),
  plan_item_id    INTEGER REFERENCES plan_items(id) ON DELETE SET NULL,
  at              TEXT NOT NULL,
  note            TEXT,
  CHECK (person_id IS NOT NULL OR organisation_id IS NOT NULL)
) STRICT;
CREATE INDEX touchpoints_org ON touchpoints(organisation_id, at);
`;
