/**
 * Migration 3: what contact upkeep and imports need — a search index over persons, an exact undo
 * log per import, and the few fields real export files carry (mobile, department, street).
 */

/** German folding inside SQL (ä→ae …), so "Mueller" finds "Müller"; SQLite's lower() folds ASCII only. */
const fold = (x: string): string =>
  `replace(replace(replace(replace(replace(replace(replace(replace(${x},'ä','ae'),'ö','oe'),'ü','ue'),'ß','ss'),'Ä','Ae'),'Ö','Oe'),'Ü','Ue'),'ẞ','SS')`;

/** Name, e-mail and organisation names of one person, as one searchable line. */
const personText = (id: string): string => `(
  SELECT coalesce(p.title, '') || ' ' || coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '') || ' ' ||
         coalesce(p.email, '') || ' ' ||
         coalesce((SELECT group_concat(o.name, ' ') FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id
                   WHERE po.person_id = p.id), '')
  FROM persons p WHERE p.id = ${id})`;

const refresh = (id: string): string => `
  DELETE FROM person_search WHERE rowid = ${id};
  INSERT INTO person_search (rowid, text) SELECT id, text FROM person_search_source WHERE id = ${id};`;

/** A bulk import sets this flag inside its own transaction and indexes its persons in one pass at the end. */
const notBulk = "WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'internal.bulkImport')";

export const sql = /* sql */ `
ALTER TABLE persons ADD COLUMN mobile TEXT;
ALTER TABLE person_organisations ADD COLUMN department TEXT;
ALTER TABLE organisations ADD COLUMN street TEXT;
ALTER TABLE imports ADD COLUMN actor TEXT;

-- What the search index holds for each person, written once for the triggers and for bulk imports. The
-- German folding is added only where it differs, so most persons index each word once.
CREATE VIEW person_search_source AS
  SELECT y.id, CASE WHEN y.f = y.t THEN y.t ELSE y.t || ' ' || y.f END AS text
  FROM (SELECT x.id, x.t, ${fold('x.t')} AS f FROM (SELECT p0.id, ${personText('p0.id')} AS t FROM persons p0) x WHERE x.t IS NOT NULL) y;

-- Word-prefix search as you type ("müll", "carb", "jana@carb") over name, e-mail and organisation;
-- diacritics folded (é→e, ü→u), prefix indexes keep short prefixes fast at 100,000 persons.
CREATE VIRTUAL TABLE person_search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER person_search_insert AFTER INSERT ON persons ${notBulk} BEGIN ${refresh('new.id')} END;
CREATE TRIGGER person_search_update AFTER UPDATE OF title, first_name, last_name, email ON persons ${notBulk} BEGIN ${refresh('new.id')} END;
CREATE TRIGGER person_search_delete AFTER DELETE ON persons BEGIN DELETE FROM person_search WHERE rowid = old.id; END;
CREATE TRIGGER person_search_link AFTER INSERT ON person_organisations ${notBulk} BEGIN ${refresh('new.person_id')} END;
CREATE TRIGGER person_search_unlink AFTER DELETE ON person_organisations ${notBulk} BEGIN ${refresh('old.person_id')} END;
CREATE TRIGGER person_search_org_rename AFTER UPDATE OF name ON organisations BEGIN
  DELETE FROM person_search WHERE rowid IN (SELECT person_id FROM person_organisations WHERE organisation_id = new.id);
  INSERT INTO person_search (rowid, text)
    SELECT id, text FROM person_search_source WHERE id IN (SELECT person_id FROM person_organisations WHERE organisation_id = new.id);
END;

INSERT INTO person_search (rowid, text) SELECT id, text FROM person_search_source;

-- What each import did, row by row, so undo restores the state exactly: created rows are deleted, updated
-- rows get their before-image back.
CREATE TABLE import_changes (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  entity    TEXT NOT NULL CHECK (entity IN ('person','organisation','topic','tag')),
  entity_id INTEGER NOT NULL,
  action    TEXT NOT NULL CHECK (action IN ('created','updated')),
  before    TEXT CHECK (before IS NULL OR json_valid(before)),
  PRIMARY KEY (import_id, seq)
) STRICT, WITHOUT ROWID;
`;
