import type { Dashboard } from '../../shared/api';
import { MEMBERSHIPS, ORGANISATION_KINDS } from '../../shared/domain';
import type { Db } from '../db/database';
import type { HandlerTable } from './registry';

function countBy<K extends string>(keys: readonly K[], rows: { key: string; n: number }[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) if ((keys as readonly string[]).includes(r.key)) out[r.key as K] = r.n;
  return out;
}

/** Current consent per person and purpose is the latest record; history is never rewritten. */
const LATEST_NEWSLETTER_CONSENT = `(
  SELECT c.action FROM consents c
  WHERE c.person_id = p.id AND c.purpose = 'newsletter' AND c.email = p.email
  ORDER BY c.at DESC, c.id DESC LIMIT 1)`;

export function dashboard(db: Db): Dashboard {
  const byKind = db.prepare('SELECT kind AS key, count(*) AS n FROM organisations GROUP BY kind').all() as {
    key: string;
    n: number;
  }[];
  const byMembership = db
    .prepare('SELECT membership AS key, count(*) AS n FROM organisations GROUP BY membership')
    .all() as { key: string; n: number }[];
  const funding = db
    .prepare(
      `SELECT coalesce(sum(f.funded), 0) AS funded, coalesce(sum(1 - f.funded), 0) AS notFunded
       FROM organisations o JOIN organisation_funding f ON f.organisation_id = o.id
       WHERE o.membership = 'member'`,
    )
    .get() as { funded: number; notFunded: number };
  const withoutKeyContact = (
    db
      .prepare(
        `SELECT count(*) AS n FROM organisations o
         WHERE o.membership = 'member' AND NOT EXISTS (
           SELECT 1 FROM person_organisations po JOIN persons p ON p.id = po.person_id
           WHERE po.organisation_id = o.id AND p.key_contact = 1 AND p.status = 'active')`,
      )
      .get() as { n: number }
  ).n;
  const persons = db
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(status = 'active'), 0) AS active,
              coalesce(sum(status = 'active' AND key_contact = 1), 0) AS keyContacts,
              coalesce(sum(status = 'active' AND ${LATEST_NEWSLETTER_CONSENT} = 'given'), 0) AS newsletterConsent
       FROM persons p WHERE status <> 'erased'`,
    )
    .get() as { total: number; active: number; keyContacts: number; newsletterConsent: number };
  const byLanguage = db
    .prepare(
      `SELECT language, count(*) AS count FROM persons WHERE status <> 'erased'
       GROUP BY language ORDER BY count DESC, language`,
    )
    .all() as { language: string; count: number }[];
  const projects = (
    db
      .prepare(
        `SELECT pr.id, pr.acronym, pr.title,
                (SELECT json_group_array(r.name) FROM project_regions x JOIN partner_regions r ON r.id = x.region_id
                 WHERE x.project_id = pr.id) AS regions,
                (SELECT count(*) FROM project_organisations po WHERE po.project_id = pr.id) AS organisations
         FROM projects pr ORDER BY pr.starts_on, pr.acronym`,
      )
      .all() as { id: number; acronym: string; title: string; regions: string; organisations: number }[]
  ).map((p) => ({
    id: p.id,
    acronym: p.acronym,
    title: p.title,
    partnerRegions: JSON.parse(p.regions) as string[],
    organisations: p.organisations,
  }));
  const total = byKind.reduce((s, r) => s + r.n, 0);
  return {
    organisations: {
      total,
      byKind: countBy(ORGANISATION_KINDS, byKind),
      byMembership: countBy(MEMBERSHIPS, byMembership),
    },
    members: { funded: funding.funded, notFunded: funding.notFunded, withoutKeyContact },
    persons: { ...persons, byLanguage },
    projects,
    isEmpty: total === 0 && persons.total === 0,
  };
}

export function registerDashboard(table: HandlerTable): void {
  table.register('dashboard/get', (_input, ctx) => dashboard(ctx.db));
}
