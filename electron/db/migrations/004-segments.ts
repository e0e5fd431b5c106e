/**
 * Migration 4: what saved segments need beyond migration 2 — the purpose an audience is counted for
 * (consent is purpose-bound), and a look-up from a person to the static lists they were picked for.
 */
export const sql = /* sql */ `
ALTER TABLE segments ADD COLUMN purpose TEXT NOT NULL DEFAULT 'newsletter' CHECK (purpose IN ('newsletter','mailing'));
CREATE INDEX segment_members_person ON segment_members(person_id);
`;
