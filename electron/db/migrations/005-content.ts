/**
 * Migration 5: what the content library and the templates need beyond migration 2 — alt text for an
 * item's image, the starter flag and the last save's problems on templates, a look-up from an item to the
 * newsletters that carry it (status "used", and refusing to delete a used item), and the starter set.
 *
 * The starter templates are written here, once, rather than at every start "when none exist": a user who
 * deletes or rewrites them must not see them come back, and a database always starts with the same four.
 * Their text comes from shared/newsletters/starters.ts as it was when the database was created.
 */
import { STARTER_TEMPLATES } from '../../../shared/newsletters/starters';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

const seed = STARTER_TEMPLATES.map(
  (t) =>
    `INSERT INTO templates (name, kind, language, mjml, starter, created_at, updated_at) VALUES (${quote(t.name)}, ${quote(t.kind)}, ${quote(t.language)}, ${quote(t.mjml)}, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));`,
).join('\n');

export const sql = /* sql */ `
ALTER TABLE content_items ADD COLUMN image_alt TEXT;
ALTER TABLE templates ADD COLUMN starter INTEGER NOT NULL DEFAULT 0 CHECK (starter IN (0, 1));
ALTER TABLE templates ADD COLUMN problems TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(problems));
CREATE INDEX newsletter_items_item ON newsletter_items(item_id);
CREATE INDEX content_items_updated ON content_items(updated_at);
${seed}
`;
