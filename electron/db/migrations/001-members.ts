/**
 * Migration 1: the member database — organisations, persons, R&D projects, topics, consent, change log.
 * Codes in CHECK constraints mirror shared/domain.ts; a test asserts they stay in step.
 */
export const sql = /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

-- Managed vocabularies. NOCASE so "Leichtbau" and "leichtbau" are one topic.
CREATE TABLE topics (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

-- Clusters and networks an organisation belongs to (one organisation, several networks).
CREATE TABLE networks (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  is_own INTEGER NOT NULL DEFAULT 0 CHECK (is_own IN (0, 1))
) STRICT;

CREATE TABLE partner_regions (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  country TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country))
) STRICT;

CREATE TABLE organisations (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('micro_firm','small_firm','medium_firm','large_firm','startup',
                'research_institute','university','cluster_management','association','public_body','investor','other')),
  employees   INTEGER CHECK (employees IS NULL OR employees >= 0),
  country     TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  region      TEXT,
  city        TEXT,
  postcode    TEXT,
  website     TEXT,
  membership  TEXT NOT NULL CHECK (membership IN ('member','partner_abroad','external')),
  notes       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX organisations_name ON organisations(name COLLATE NOCASE);

CREATE TABLE organisation_networks (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  network_id      INTEGER NOT NULL REFERENCES networks(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, network_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE organisation_topics (
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  topic_id        INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, topic_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  salutation    TEXT NOT NULL DEFAULT 'none' CHECK (salutation IN ('frau','herr','divers','none')),
  title         TEXT,
  first_name    TEXT,
  last_name     TEXT,
  -- Primary address; further addresses in person_emails. NULL once a person is erased.
  email         TEXT,
  phone         TEXT,
  function      TEXT,
  key_contact   INTEGER NOT NULL DEFAULT 0 CHECK (key_contact IN (0, 1)),
  language      TEXT NOT NULL DEFAULT 'de' CHECK (length(language) = 2),
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','unsubscribed','bounced','erased')),
  last_verified TEXT,
  recontact_on  TEXT,
  source        TEXT,
  import_id     INTEGER REFERENCES imports(id) ON DELETE SET NULL,
  notes         TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (status = 'erased' OR email IS NOT NULL OR last_name IS NOT NULL OR first_name IS NOT NULL)
) STRICT;
-- lower() folds ASCII only; imports also lower-case the domain, which covers the realistic cases.
CREATE UNIQUE INDEX persons_email ON persons(lower(email)) WHERE email IS NOT NULL;
CREATE INDEX persons_name ON persons(last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE person_emails (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  email     TEXT NOT NULL,
  label     TEXT
) STRICT;
CREATE UNIQUE INDEX person_emails_email ON person_emails(lower(email));

CREATE TABLE person_organisations (
  person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  role            TEXT,
  is_primary      INTEGER NOT NULL DEFAULT 1 CHECK (is_primary IN (0, 1)),
  PRIMARY KEY (person_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_organisations_org ON person_organisations(organisation_id);

CREATE TABLE person_topics (
  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  topic_id  INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, topic_id)
) STRICT, WITHOUT ROWID;

-- Which of the four kinds of information a person wants.
CREATE TABLE person_information_kinds (
  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('technological_knowledge','foreign_markets','foreign_contacts','other')),
  PRIMARY KEY (person_id, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_regions (
  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  region_id INTEGER NOT NULL REFERENCES partner_regions(id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, region_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE person_tags (
  person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, tag_id)
) STRICT, WITHOUT ROWID;

-- R&D projects (Verbundprojekte): temporary networks with partner regions abroad.
CREATE TABLE projects (
  id          INTEGER PRIMARY KEY,
  acronym     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  title       TEXT NOT NULL,
  topic_id    INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  phase       TEXT NOT NULL DEFAULT 'planned' CHECK (phase IN ('planned','running','completed')),
  starts_on   TEXT,
  ends_on     TEXT,
  programme   TEXT,
  description TEXT,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
) STRICT;

CREATE TABLE project_regions (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  region_id  INTEGER NOT NULL REFERENCES partner_regions(id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, region_id)
) STRICT, WITHOUT ROWID;

-- "Funded" is derived from here: an organisation is funded when it takes part in an R&D project
-- with funding. Kept per participation because associated partners take part without funding.
CREATE TABLE project_organisations (
  project_id      INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  role            TEXT,
  funded          INTEGER NOT NULL DEFAULT 1 CHECK (funded IN (0, 1)),
  PRIMARY KEY (project_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_organisations_org ON project_organisations(organisation_id);

-- Append-only consent history (UWG §7, GDPR Art. 7). The address is stored with each record because
-- consent belongs to an address and must never be merged across addresses.
CREATE TABLE consents (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  email           TEXT NOT NULL,
  purpose         TEXT NOT NULL CHECK (purpose IN ('newsletter','mailing')),
  action          TEXT NOT NULL CHECK (action IN ('given','withdrawn')),
  at              TEXT NOT NULL,
  source          TEXT NOT NULL,
  wording_version TEXT,
  evidence        TEXT
) STRICT;
CREATE INDEX consents_person ON consents(person_id, purpose, at);
-- What a record says never changes; only whom it belongs to may (a merge moves it to the kept person).
CREATE TRIGGER consents_append_only BEFORE UPDATE OF email, purpose, action, at, source, wording_version, evidence ON consents
BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;

-- Erased addresses, hashed, so a re-import arrives suppressed instead of active.
CREATE TABLE suppressions (
  email_hash TEXT PRIMARY KEY,
  reason     TEXT NOT NULL CHECK (reason IN ('erased','unsubscribed','bounced')),
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every import, so it can be undone as a whole.
CREATE TABLE imports (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  format     TEXT NOT NULL,
  source     TEXT,
  summary    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
  undone_at  TEXT
) STRICT;

-- Who changed what and when, per person and organisation; staff turnover makes this the hand-over.
CREATE TABLE change_log (
  id        INTEGER PRIMARY KEY,
  entity    TEXT NOT NULL CHECK (entity IN ('person','organisation','project')),
  entity_id INTEGER NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  details   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;
CREATE INDEX change_log_entity ON change_log(entity, entity_id, at);
-- Entries never change; a merge may move them to the kept person.
CREATE TRIGGER change_log_append_only BEFORE UPDATE OF entity, at, actor, action, details ON change_log
BEGIN SELECT RAISE(ABORT, 'change log is append-only'); END;

-- Funded is derived, never stored twice.
CREATE VIEW organisation_funding AS
SELECT o.id AS organisation_id,
       EXISTS (SELECT 1 FROM project_organisations po WHERE po.organisation_id = o.id AND po.funded = 1) AS funded
FROM organisations o;
`;
