/**
 * Newsletter issues and personalised mailings: list, create from templates, autosave, duplicate, delete,
 * and everything that renders them — preview ("preview as" a person of the audience), the recipients
 * picker, and the export of one recipient's message as .eml, .html or .mjml. The CLI (`spillover render`)
 * and the bench use `prepareIssue` too, so the preview shows exactly what would be sent.
 *
 * Rendering follows electron/services/render.ts: MJML is compiled once per language variant; per recipient
 * only the merge runs. A mailing's per-recipient items are chosen here (shared/newsletters/relevance.ts)
 * and handed to the merge as "k-th item is j" facts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError, type Output } from '../../shared/api';
import { itemColumnMjml, itemSectionMjml, type ItemForMessage } from '../../shared/newsletters/items';
import { assemble, fieldValues, merge, parseTemplate, type MergeRecipient, type Occurrence } from '../../shared/newsletters/merge';
import { chooseItems, type CandidateItem, type Choice, type Interests } from '../../shared/newsletters/relevance';
import {
  NewsletterCreate,
  NewsletterSave,
  PreviewInput,
  type GuardViolation,
  type MessageKind,
  type MessageLanguage,
  type NewsletterDetail,
  type NewsletterSummary,
  type Preview,
  type RenderProblem as RenderProblemShape,
  type SendCheck,
  type Variant,
} from '../../shared/newsletters/schemas';
import type { Db } from '../db/database';
import { audienceOf } from './audience';
import { assertGuard, guardViolations, readersOf, type GuardItem } from './guard';
import { composeMail } from './mail';
import type { HandlerTable } from './registry';
import { compileIssue, conditionFacts, loadRecipients, renderFor, SLOTS, type CompiledIssue, type ItemBlock, type RecipientRow, type RenderedMessage } from './render';
import { resolveTarget } from './segments';

/** Until sending gets its own settings (a later issue): the sender and the unsubscribe page. */
export const SENDER = { name: 'Cluster/Netzwerk Leichtbau Mittelelbe', address: 'newsletter@leichtbau-mittelelbe.example' };
const UNSUBSCRIBE_BASE = 'https://www.leichtbau-mittelelbe.example/abmelden';

/** A per-person unsubscribe link; the token is a hash, so the link does not reveal the address. */
export function unsubscribeUrl(personId: number, email: string | null): string {
  const token = createHash('sha256').update(`${personId}:${email ?? ''}`).digest('hex').slice(0, 24);
  return `${UNSUBSCRIBE_BASE}?p=${personId}&t=${token}`;
}

/* ----------------------------------------------------------------------------------------- storage */

interface NewsletterRow {
  id: number;
  kind: MessageKind;
  title: string;
  template_id: number | null;
  segment_id: number | null;
  segment: string | null;
  purpose: 'newsletter' | 'mailing';
  max_items: number | null;
  status: NewsletterSummary['status'];
  updated_at: string;
  items: number;
}

const SUMMARY_SQL = `SELECT n.id, n.kind, n.title, n.template_id, n.segment_id, s.name AS segment, n.purpose, n.max_items, n.status, n.updated_at,
  (SELECT count(*) FROM newsletter_items i WHERE i.newsletter_id = n.id) AS items
  FROM newsletters n LEFT JOIN segments s ON s.id = n.segment_id`;

function languagesOf(db: Db, id: number): MessageLanguage[] {
  return (db.prepare("SELECT language FROM newsletter_variants WHERE newsletter_id = ? ORDER BY CASE language WHEN 'de' THEN 0 ELSE 1 END, language").pluck().all(id) as string[]).filter(
    (l): l is MessageLanguage => l === 'de' || l === 'en',
  );
}

function summary(db: Db, row: NewsletterRow): NewsletterSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    segmentId: row.segment_id,
    segment: row.segment,
    templateId: row.template_id,
    languages: languagesOf(db, row.id),
    items: row.items,
    updatedAt: row.updated_at,
  };
}

export function listNewsletters(db: Db): NewsletterSummary[] {
  const rows = db.prepare(`${SUMMARY_SQL} ORDER BY n.updated_at DESC, n.id DESC`).all() as NewsletterRow[];
  return rows.map((r) => summary(db, r));
}

export function getNewsletter(db: Db, id: number): NewsletterDetail {
  const row = db.prepare(`${SUMMARY_SQL} WHERE n.id = ?`).get(id) as NewsletterRow | undefined;
  if (!row) throw new ApiError('not_found', `There is no newsletter or mailing with id ${id}.`);
  const variants = db
    .prepare("SELECT language, subject, preheader, mjml FROM newsletter_variants WHERE newsletter_id = ? ORDER BY CASE language WHEN 'de' THEN 0 ELSE 1 END, language")
    .all(id) as Variant[];
  const itemIds = db.prepare('SELECT item_id FROM newsletter_items WHERE newsletter_id = ? ORDER BY position').pluck().all(id) as number[];
  return { ...summary(db, row), purpose: row.purpose, maxItems: row.max_items, itemIds, variants };
}

/** A minimal body for a language without any template, so a variant can always be made. */
function fallbackMjml(kind: MessageKind, language: MessageLanguage): string {
  const legal = language === 'de' ? 'Impressum' : 'Legal notice';
  const unsub = language === 'de' ? 'Abmelden' : 'Unsubscribe';
  return `<mjml>
  <mj-body>
    <mj-section><mj-column><mj-text>{{salutation}},</mj-text></mj-column></mj-section>
    {{items}}
    <mj-section><mj-column><mj-text font-size="12px"><a href="https://www.leichtbau-mittelelbe.example/impressum">${legal}</a> · <a href="{{unsubscribe_url}}">${unsub}</a></mj-text></mj-column></mj-section>
  </mj-body>
</mjml>
<!-- ${kind} -->`;
}

export function createNewsletter(db: Db, input: z.output<typeof NewsletterCreate>, now = new Date()): NewsletterDetail {
  const ts = now.toISOString();
  const chosen = input.templateId === undefined ? undefined : (db.prepare('SELECT id, kind, language, mjml FROM templates WHERE id = ?').get(input.templateId) as { id: number; kind: string; language: string; mjml: string } | undefined);
  if (input.templateId !== undefined && !chosen) throw new ApiError('not_found', `There is no template with id ${input.templateId}; pick another template.`);
  const languages = [...new Set(input.languages)];
  const id = db.transaction(() => {
    const newId = Number(
      db
        .prepare('INSERT INTO newsletters (kind, title, template_id, purpose, max_items, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.kind, input.title, chosen?.id ?? null, input.kind, input.kind === 'mailing' ? 3 : null, ts, ts).lastInsertRowid,
    );
    let templateId = chosen?.id ?? null;
    for (const language of languages) {
      let mjml = chosen && chosen.language === language ? chosen.mjml : undefined;
      if (mjml === undefined) {
        const starter = db.prepare('SELECT id, mjml FROM templates WHERE kind = ? AND language = ? ORDER BY starter DESC, id LIMIT 1').get(input.kind, language) as { id: number; mjml: string } | undefined;
        templateId ??= starter?.id ?? null;
        mjml = starter?.mjml ?? chosen?.mjml ?? fallbackMjml(input.kind, language);
      }
      db.prepare('INSERT INTO newsletter_variants (newsletter_id, language, subject, preheader, mjml) VALUES (?, ?, ?, NULL, ?)').run(newId, language, input.title, mjml);
    }
    db.prepare('UPDATE newsletters SET template_id = ? WHERE id = ?').run(templateId, newId);
    return newId;
  })();
  return getNewsletter(db, id);
}

function assertDraft(db: Db, id: number): void {
  const status = db.prepare('SELECT status FROM newsletters WHERE id = ?').pluck().get(id) as string | undefined;
  if (status === undefined) throw new ApiError('not_found', `There is no newsletter or mailing with id ${id}.`);
  if (status !== 'draft') throw new ApiError('conflict', `This message is ${status} and can no longer be edited; duplicate it to make a new one.`);
}

export function saveNewsletter(db: Db, input: z.output<typeof NewsletterSave>, now = new Date()): NewsletterDetail {
  return db.transaction(() => {
    assertDraft(db, input.id);
    const stored = db.prepare('SELECT updated_at FROM newsletters WHERE id = ?').pluck().get(input.id) as string;
    if (input.updatedAt !== undefined && input.updatedAt < stored) {
      throw new ApiError('conflict', 'This message was saved elsewhere in the meantime (another window?). Reload it to see the newer version before editing further.');
    }
    const languages = input.variants.map((v) => v.language);
    if (new Set(languages).size !== languages.length) throw new ApiError('bad_input', 'Each language may have one variant only.', [{ path: 'variants', message: 'duplicate language' }]);
    const missing = db.prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM content_items)').pluck().all(JSON.stringify(input.itemIds)) as number[];
    if (missing.length > 0) throw new ApiError('bad_input', `Items ${missing.join(', ')} no longer exist; remove them from the message.`, [{ path: 'itemIds', message: 'unknown item' }]);
    // A later save always gets a later stamp, even within the same millisecond, so the conflict guard holds.
    let ts = now.toISOString();
    if (ts <= stored) ts = new Date(Date.parse(stored) + 1).toISOString();
    db.prepare('UPDATE newsletters SET title = ?, segment_id = ?, template_id = ?, max_items = ?, updated_at = ? WHERE id = ?').run(
      input.title,
      input.segmentId,
      input.templateId,
      input.maxItems,
      ts,
      input.id,
    );
    db.prepare('DELETE FROM newsletter_variants WHERE newsletter_id = ?').run(input.id);
    const addVariant = db.prepare('INSERT INTO newsletter_variants (newsletter_id, language, subject, preheader, mjml) VALUES (?, ?, ?, ?, ?)');
    for (const v of input.variants) addVariant.run(input.id, v.language, v.subject, v.preheader, v.mjml);
    db.prepare('DELETE FROM newsletter_items WHERE newsletter_id = ?').run(input.id);
    const addItem = db.prepare('INSERT INTO newsletter_items (newsletter_id, item_id, position) VALUES (?, ?, ?)');
    [...new Set(input.itemIds)].forEach((itemId, i) => addItem.run(input.id, itemId, i));
    return getNewsletter(db, input.id);
  })();
}

export function duplicateNewsletter(db: Db, id: number, now = new Date()): NewsletterDetail {
  const src = getNewsletter(db, id);
  const ts = now.toISOString();
  const newId = db.transaction(() => {
    const nid = Number(
      db
        .prepare('INSERT INTO newsletters (kind, title, template_id, segment_id, purpose, max_items, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(src.kind, `${src.title} (Kopie)`.slice(0, 200), src.templateId, src.segmentId, src.purpose, src.maxItems, ts, ts).lastInsertRowid,
    );
    for (const v of src.variants) db.prepare('INSERT INTO newsletter_variants (newsletter_id, language, subject, preheader, mjml) VALUES (?, ?, ?, ?, ?)').run(nid, v.language, v.subject, v.preheader, v.mjml);
    src.itemIds.forEach((itemId, i) => db.prepare('INSERT INTO newsletter_items (newsletter_id, item_id, position) VALUES (?, ?, ?)').run(nid, itemId, i));
    return nid;
  })();
  return getNewsletter(db, newId);
}

export function deleteNewsletter(db: Db, id: number): boolean {
  getNewsletter(db, id);
  const sent = db.prepare('SELECT count(*) FROM deliveries WHERE newsletter_id = ?').pluck().get(id) as number;
  if (sent > 0) throw new ApiError('conflict', `This message already went to ${sent} recipients; it stays for the record. Duplicate it to reuse it.`);
  return db.prepare('DELETE FROM newsletters WHERE id = ?').run(id).changes > 0;
}

/* ------------------------------------------------------------------------------------ render state */

/** What a render needs of a newsletter: the saved state, or the composer's unsaved draft over it. */
export interface IssueState {
  id: number;
  kind: MessageKind;
  purpose: 'newsletter' | 'mailing';
  segmentId: number | null;
  maxItems: number | null;
  itemIds: number[];
  variants: Variant[];
}

export interface ItemRow extends GuardItem, CandidateItem {
  texts: Partial<Record<string, { title: string; body: string }>>;
  imageSrc: string | null;
  imageAlt: string | null;
  link: string | null;
  embargoUntil: string | null;
}

/** The issue's items in the given order, with texts, image (as a data: URI) and circle. */
export function loadItems(db: Db, ids: readonly number[]): ItemRow[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = db
    .prepare(
      `SELECT ci.id, ci.topic_id, t.name AS topic, ci.project_id, pr.acronym AS project, ci.region_id, r.name AS region, ci.information_kind,
              ci.confidentiality, ci.group_project_id, ci.group_segment_id, ci.image_asset_id, ci.image_alt, ci.link, ci.embargo_until,
              a.mime, a.bytes
       FROM content_items ci
       LEFT JOIN topics t ON t.id = ci.topic_id
       LEFT JOIN projects pr ON pr.id = ci.project_id
       LEFT JOIN partner_regions r ON r.id = ci.region_id
       LEFT JOIN assets a ON a.id = ci.image_asset_id
       WHERE ci.id IN (SELECT value FROM json_each(?))`,
    )
    .all(json) as {
    id: number;
    topic_id: number | null;
    topic: string | null;
    project_id: number | null;
    project: string | null;
    region_id: number | null;
    region: string | null;
    information_kind: string;
    confidentiality: string;
    group_project_id: number | null;
    group_segment_id: number | null;
    image_alt: string | null;
    link: string | null;
    embargo_until: string | null;
    mime: string | null;
    bytes: Buffer | null;
  }[];
  const texts = db.prepare('SELECT item_id, language, title, body_md FROM content_texts WHERE item_id IN (SELECT value FROM json_each(?))').all(json) as {
    item_id: number;
    language: string;
    title: string;
    body_md: string;
  }[];
  const byId = new Map<number, ItemRow>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      title: '',
      texts: {},
      topicId: r.topic_id,
      topic: r.topic,
      projectId: r.project_id,
      project: r.project,
      regionId: r.region_id,
      region: r.region,
      kind: r.information_kind,
      confidentiality: r.confidentiality,
      groupProjectId: r.group_project_id,
      groupSegmentId: r.group_segment_id,
      imageSrc: r.mime && r.bytes ? `data:${r.mime};base64,${Buffer.from(r.bytes).toString('base64')}` : null,
      imageAlt: r.image_alt,
      link: r.link,
      embargoUntil: r.embargo_until,
    });
  }
  for (const t of texts) {
    const item = byId.get(t.item_id);
    if (item) item.texts[t.language] = { title: t.title, body: t.body_md };
  }
  for (const item of byId.values()) item.title = item.texts.de?.title ?? item.texts.en?.title ?? Object.values(item.texts)[0]?.title ?? `#${item.id}`;
  return ids.map((id) => byId.get(id)).filter((x): x is ItemRow => x !== undefined);
}

/** The item's text in `language`, else in another language (a check reports it). */
function itemText(item: ItemRow, language: string): { title: string; body: string } {
  return item.texts[language] ?? item.texts.de ?? item.texts.en ?? Object.values(item.texts)[0] ?? { title: item.title, body: '' };
}

function itemBlocks(items: readonly ItemRow[], language: string): ItemBlock[] {
  return items.map((item) => {
    const text = itemText(item, language);
    const forMessage: ItemForMessage = { id: item.id, title: text.title, bodyMd: text.body, imageSrc: item.imageSrc, imageAlt: item.imageAlt, link: item.link };
    return { itemId: item.id, section: itemSectionMjml(forMessage, language), column: itemColumnMjml(forMessage, language) };
  });
}

/** Audience of the issue: its segment for the issue's purpose (consent and exclusions applied). */
export function audienceIds(db: Db, segmentId: number | null, purpose: 'newsletter' | 'mailing'): number[] {
  if (segmentId === null) return [];
  const onePerOrg = db.prepare('SELECT one_per_org FROM segments WHERE id = ?').pluck().get(segmentId) as number | undefined;
  if (onePerOrg === undefined) return [];
  const checked = resolveTarget(db, { segmentId });
  return audienceOf(db, checked.rule, checked.ctx, { purpose, onePerOrg: onePerOrg === 1 }).ids;
}

/** Interests of persons, for choosing a mailing's items (topics include their organisations' topics). */
export function interestsOf(db: Db, personIds: readonly number[]): Map<number, Interests> {
  const json = JSON.stringify(personIds);
  const out = new Map<number, { topicIds: Set<number>; kinds: Set<string>; regionIds: Set<number>; projectIds: Set<number> }>();
  for (const id of personIds) out.set(id, { topicIds: new Set(), kinds: new Set(), regionIds: new Set(), projectIds: new Set() });
  const each = (sql: string, add: (i: { topicIds: Set<number>; kinds: Set<string>; regionIds: Set<number>; projectIds: Set<number> }, v: number & string) => void): void => {
    for (const r of db.prepare(sql).raw().iterate(json) as Iterable<[number, number & string]>) {
      const i = out.get(r[0]);
      if (i) add(i, r[1]);
    }
  };
  each('SELECT person_id, topic_id FROM person_topics WHERE person_id IN (SELECT value FROM json_each(?))', (i, v) => i.topicIds.add(v));
  each(
    'SELECT po.person_id, ot.topic_id FROM person_organisations po JOIN organisation_topics ot ON ot.organisation_id = po.organisation_id WHERE po.person_id IN (SELECT value FROM json_each(?))',
    (i, v) => i.topicIds.add(v),
  );
  each('SELECT person_id, kind FROM person_information_kinds WHERE person_id IN (SELECT value FROM json_each(?))', (i, v) => i.kinds.add(v));
  each('SELECT person_id, region_id FROM person_regions WHERE person_id IN (SELECT value FROM json_each(?))', (i, v) => i.regionIds.add(v));
  each(
    'SELECT po.person_id, pj.project_id FROM person_organisations po JOIN project_organisations pj ON pj.organisation_id = po.organisation_id WHERE po.person_id IN (SELECT value FROM json_each(?))',
    (i, v) => i.projectIds.add(v),
  );
  return out;
}

const compiledCache = new Map<string, Promise<CompiledIssue>>();

/** Compiles a variant with its items; the last few compiles are kept, so stepping through recipients never recompiles. */
function compileVariant(variant: Variant, blocks: ItemBlock[], choose: number | undefined): Promise<CompiledIssue> {
  const key = createHash('sha256')
    .update(JSON.stringify([variant.language, variant.subject, variant.preheader, variant.mjml, blocks, choose ?? null]))
    .digest('hex');
  let compiled = compiledCache.get(key);
  if (!compiled) {
    compiled = compileIssue({ language: variant.language, subject: variant.subject, preheader: variant.preheader, mjml: variant.mjml, slots: { items: { blocks, ...(choose !== undefined ? { choose } : {}) } } });
    compiledCache.set(key, compiled);
    if (compiledCache.size > 8) compiledCache.delete(compiledCache.keys().next().value as string);
  }
  return compiled;
}

export interface PreparedMessage {
  personId: number | null;
  language: MessageLanguage;
  message: RenderedMessage;
  /** Mailings: the items chosen, most relevant first. */
  chosen: (Choice & { title: string })[];
}

export interface PreparedIssue {
  state: IssueState;
  items: ItemRow[];
  audience: number[];
  variants: Map<MessageLanguage, CompiledIssue>;
  /** Newsletters only: items whose circle the audience does not fit. */
  guard: GuardViolation[];
  /** Mailings: audience members nothing is relevant for (not mailed). */
  nothingRelevant: number[];
  /** The variant a person gets: their language, else the first variant. */
  variantFor(language: string): MessageLanguage;
  /** Renders one person (null when a mailing has nothing relevant for them); `language` overrides their variant. */
  render(recipient: RecipientRow, language?: MessageLanguage): PreparedMessage | null;
  /** Renders sample data (no audience) in `language`. */
  renderSample(language: MessageLanguage): PreparedMessage;
}

export const SAMPLE_RECIPIENT: Readonly<Record<MessageLanguage, MergeRecipient>> = {
  de: { salutation: 'frau', title: 'Dr.', firstName: 'Erika', lastName: 'Mustermann', organisation: 'Beispiel Leichtbau GmbH', email: 'erika.mustermann@example.org', unsubscribeUrl: `${UNSUBSCRIBE_BASE}?p=0` },
  en: { salutation: 'none', title: 'Dr.', firstName: 'Alex', lastName: 'Example', organisation: 'Example Composites Ltd', email: 'alex.example@example.org', unsubscribeUrl: `${UNSUBSCRIBE_BASE}?p=0` },
};

export function loadState(db: Db, id: number, draft?: Omit<z.output<typeof NewsletterSave>, 'id' | 'updatedAt' | 'title'>): IssueState {
  const saved = getNewsletter(db, id);
  const s = draft ?? saved;
  return { id, kind: saved.kind, purpose: saved.purpose, segmentId: s.segmentId, maxItems: s.maxItems, itemIds: s.itemIds, variants: s.variants };
}

/**
 * Everything to render an issue for its audience: items, audience, one compile per variant, condition
 * answers for the whole audience, the guard and (mailings) whose choices come out empty.
 */
export async function prepareIssue(db: Db, state: IssueState, options: { extraPersons?: number[]; languages?: MessageLanguage[] } = {}): Promise<PreparedIssue> {
  const items = loadItems(db, state.itemIds);
  const audience = audienceIds(db, state.segmentId, state.purpose);
  const mailing = state.kind === 'mailing';
  const maxItems = state.maxItems ?? 3;
  const first = state.variants[0];
  if (!first) throw new ApiError('bad_input', 'The message has no language variant; add German or English.');
  const variants = new Map<MessageLanguage, CompiledIssue>();
  const wanted = state.variants.filter((v) => options.languages === undefined || options.languages.includes(v.language));
  for (const v of wanted) variants.set(v.language, await compileVariant(v, itemBlocks(items, v.language), mailing ? Math.min(maxItems, items.length) : undefined));
  const everyone = [...new Set([...audience, ...(options.extraPersons ?? [])])];
  const conditions = [...variants.values()].flatMap((c) => c.conditions);
  const facts = conditionFacts(db, conditions);
  const guard = mailing ? [] : guardViolations(db, items, audience);

  // Mailings: who may read which restricted item, and the interests of everyone.
  const readers = new Map<number, Set<number>>();
  let interests = new Map<number, Interests>();
  const personLanguage = new Map<number, string>();
  if (mailing && everyone.length > 0) {
    for (const item of items) if (item.confidentiality !== 'public') readers.set(item.id, readersOf(db, item, everyone));
    interests = interestsOf(db, everyone);
    for (const r of db.prepare('SELECT id, language FROM persons WHERE id IN (SELECT value FROM json_each(?))').raw().iterate(JSON.stringify(everyone)) as Iterable<[number, string]>) personLanguage.set(r[0], r[1]);
  }
  const variantFor = (language: string): MessageLanguage => (state.variants.some((v) => v.language === language) ? (language as MessageLanguage) : first.language);
  const choose = (personId: number, language: string): Choice[] => {
    const mine = interests.get(personId);
    if (!mine) return [];
    return chooseItems(items, mine, maxItems, language, (itemId) => readers.get(itemId)?.has(personId) ?? true);
  };
  const nothingRelevant = mailing ? audience.filter((id) => choose(id, variantFor(personLanguage.get(id) ?? 'de')).length === 0) : [];
  const titles = new Map(items.map((i) => [i.id, i]));
  const compiledFor = (language: MessageLanguage): CompiledIssue => {
    const c = variants.get(language);
    if (!c) throw new Error(`variant ${language} was not compiled`);
    return c;
  };

  return {
    state,
    items,
    audience,
    variants,
    guard,
    nothingRelevant,
    variantFor,
    render(recipient, override) {
      const language = variantFor(override ?? recipient.language);
      const chosen = mailing ? choose(recipient.personId, language) : [];
      if (mailing && chosen.length === 0) return null;
      const message = renderFor(compiledFor(language), recipient.recipient, facts.forPerson(recipient.personId), chosen.map((c) => c.itemId));
      return { personId: recipient.personId, language, message, chosen: chosen.map((c) => ({ ...c, title: itemTitle(titles.get(c.itemId), language) })) };
    },
    renderSample(language) {
      const lang = variantFor(language);
      const chosen: Choice[] = mailing ? items.slice(0, maxItems).map((i) => ({ itemId: i.id, score: 0, reason: lang === 'de' ? 'Beispiel (keine Zielgruppe gewählt)' : 'Sample (no audience chosen)' })) : [];
      const message = renderFor(compiledFor(lang), SAMPLE_RECIPIENT[lang], { has: () => false }, chosen.map((c) => c.itemId));
      return { personId: null, language: lang, message, chosen: chosen.map((c) => ({ ...c, title: itemTitle(titles.get(c.itemId), lang) })) };
    },
  };
}

function itemTitle(item: ItemRow | undefined, language: string): string {
  return item ? itemText(item, language).title : '';
}

/* ------------------------------------------------------------------------------------------ checks */

const LEGAL = /impressum|legal[ -]?notice|imprint/i;

/** The checks before sending, on one rendered message and the variant it came from. */
export function sendChecks(compiled: CompiledIssue, message: RenderedMessage, items: readonly ItemRow[], language: string, now = new Date()): SendCheck[] {
  const checks: SendCheck[] = [];
  const add = (code: string, severity: 'error' | 'warning', msg: string): void => {
    checks.push({ code, severity, message: msg });
  };
  const errors = compiled.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) add('mjml_errors', 'error', `The message has ${errors} error${errors === 1 ? '' : 's'} in its template; fix ${errors === 1 ? 'it' : 'them'} (see the problems list with line numbers).`);
  if (!compiled.html.fields.includes('unsubscribe_url')) add('unsubscribe_missing', 'error', 'There is no unsubscribe link: add <a href="{{unsubscribe_url}}">Abmelden</a> to the footer.');
  const anchors = [...message.html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)];
  if (!anchors.some((a) => LEGAL.test(a[2] ?? '') || LEGAL.test(a[1] ?? ''))) add('legal_notice_missing', 'error', 'There is no link to the Impressum (legal notice); add one to the footer.');
  const badLinks = new Set<string>();
  for (const m of message.html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(["'])(.*?)\1/gi)) {
    const href = (m[2] ?? '').trim();
    if (href === '' || href.startsWith('#') || /^(https:|mailto:)/i.test(href)) continue;
    badLinks.add(href);
  }
  if (badLinks.size > 0) add('unsafe_links', 'error', `Links must be https: or mailto:; change ${[...badLinks].slice(0, 3).map((h) => `"${h.slice(0, 60)}"`).join(', ')}${badLinks.size > 3 ? ` and ${badLinks.size - 3} more` : ''}.`);
  const noAlt = [...message.html.matchAll(/<img\b[^>]*>/gi)].filter((m) => (/\balt\s*=\s*(["'])(.*?)\1/i.exec(m[0])?.[2] ?? '').trim() === '').length;
  if (noAlt > 0) add('image_alt_missing', 'warning', `${noAlt} image${noAlt === 1 ? ' has' : 's have'} no alt text; describe ${noAlt === 1 ? 'it' : 'them'} for readers who do not load images.`);
  if (message.subject.trim() === '') add('subject_empty', 'error', 'The subject is empty; write one.');
  else if ([...message.subject].length > 78) add('subject_long', 'warning', `The subject has ${[...message.subject].length} characters; many mail clients cut it after about 78.`);
  const today = now.toISOString().slice(0, 10);
  for (const item of items) {
    if (item.embargoUntil !== null && item.embargoUntil.slice(0, 10) > today) add('embargo', 'error', `Item '${item.title}' is under embargo until ${item.embargoUntil.slice(0, 10)}; remove it or wait.`);
    if (item.texts[language] === undefined) add('item_language_missing', 'warning', `Item '${item.title}' has no ${language === 'de' ? 'German' : 'English'} text; the other language is shown.`);
  }
  return checks;
}

function problemShapes(compiled: CompiledIssue): RenderProblemShape[] {
  return compiled.problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, part: p.part, origin: p.origin, line: p.line, column: p.column }));
}

/* ----------------------------------------------------------------------------------------- preview */

export async function previewNewsletter(db: Db, input: z.output<typeof PreviewInput>): Promise<Preview> {
  const started = performance.now();
  const state = loadState(db, input.id, input.draft);
  const prepared = await prepareIssue(db, state, input.personId !== undefined ? { extraPersons: [input.personId] } : {});
  let personId = input.personId;
  if (personId === undefined) {
    // The first recipient who gets this variant (and, for a mailing, something relevant).
    const skip = new Set(prepared.nothingRelevant);
    const recipients = loadRecipients(db, prepared.audience.filter((p) => !skip.has(p)).slice(0, 200));
    personId = (recipients.find((r) => prepared.variantFor(r.language) === input.language) ?? recipients[0])?.personId;
  }
  const row = personId === undefined ? undefined : loadRecipients(db, [personId], { unsubscribeUrl })[0];
  if (input.personId !== undefined && !row) throw new ApiError('not_found', `There is no person with id ${input.personId} (or the person was erased).`);
  // "Preview as" a chosen person shows their variant; otherwise the variant of the tab (input.language), with
  // the first recipient of that language, or the first recipient at all when nobody reads that language.
  const language = row && input.personId !== undefined ? prepared.variantFor(row.language) : prepared.variantFor(input.language);
  const out = row ? prepared.render(row, language) : prepared.renderSample(language);
  const compiled = prepared.variants.get(language) as CompiledIssue;
  const variant = state.variants.find((v) => v.language === language);
  const message = out?.message ?? { subject: '', html: '', text: '', notes: [] };
  const checks = sendChecks(compiled, out?.message ?? prepared.renderSample(language).message, prepared.items, language);
  if (row && out === null) checks.unshift({ code: 'nothing_relevant', severity: 'warning', message: 'Nothing in this mailing matches this person’s interests; they are not mailed.' });
  // What the merge had to leave out for this person: missing values without a fallback, refused links.
  for (const n of out?.message.notes ?? []) {
    checks.push(
      n.code === 'unsafe_url'
        ? { code: 'merge_unsafe_link', severity: 'warning', message: `The value of {{${n.field}}} for this person is not an https: or mailto: link; it was left out.` }
        : { code: 'merge_empty_value', severity: 'warning', message: `This person has no value for {{${n.field}}}; give it a fallback, e.g. {{${n.field}|…}}.` },
    );
  }
  return {
    language,
    recipient: row ? recipientShape(row) : null,
    index: row ? prepared.audience.indexOf(row.personId) : 0,
    total: prepared.audience.length,
    subject: message.subject,
    preheader: variant?.preheader ?? null,
    html: message.html,
    text: message.text,
    problems: problemShapes(compiled),
    checks,
    guard: prepared.guard,
    chosen: (out?.chosen ?? []).map((c) => ({ itemId: c.itemId, title: c.title, reason: c.reason })),
    nothingRelevant: prepared.nothingRelevant.length,
    ms: Math.round((performance.now() - started) * 10) / 10,
  };
}

function recipientShape(row: RecipientRow): NonNullable<Preview['recipient']> {
  return { personId: row.personId, name: row.displayName || (row.recipient.email ?? `#${row.personId}`), email: row.recipient.email ?? '', language: row.language, organisation: row.recipient.organisation };
}

export function listRecipients(db: Db, input: { id: number; search: string; segmentId?: number | null | undefined; limit: number }): { rows: NonNullable<Preview['recipient']>[]; total: number } {
  const saved = getNewsletter(db, input.id);
  const segmentId = input.segmentId === undefined ? saved.segmentId : input.segmentId;
  const ids = audienceIds(db, segmentId, saved.purpose);
  const words = input.search.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  const all = loadRecipients(db, ids);
  const hits = words.length === 0 ? all : all.filter((r) => {
    const hay = `${r.displayName} ${r.recipient.email ?? ''} ${r.recipient.organisation ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  return { rows: hits.slice(0, input.limit).map((r) => recipientShape(r)), total: hits.length };
}

/* ------------------------------------------------------------------------------------------- export */

/** One recipient's finished message as a file: refuses when the guard or the checks forbid sending. */
export async function exportMessage(db: Db, input: { id: number; personId?: number | undefined; language?: MessageLanguage | undefined; format: 'eml' | 'html' | 'mjml' }): Promise<Output<'contacts/export'>> {
  const state = loadState(db, input.id);
  const prepared = await prepareIssue(db, state, input.personId !== undefined ? { extraPersons: [input.personId] } : {});
  const extraGuard = input.personId !== undefined && state.kind === 'newsletter' ? guardViolations(db, prepared.items, [input.personId]) : [];
  assertGuard(prepared.guard.length > 0 ? prepared.guard : extraGuard);
  const personId = input.personId ?? prepared.audience[0];
  const row = personId === undefined ? undefined : loadRecipients(db, [personId], { unsubscribeUrl })[0];
  if (input.personId !== undefined && !row) throw new ApiError('not_found', `There is no person with id ${input.personId} (or the person was erased).`);
  const out = row ? prepared.render(row) : prepared.renderSample(input.language ?? state.variants[0]?.language ?? 'de');
  if (!out) throw new ApiError('conflict', 'Nothing in this mailing matches this person’s interests; there is no message to export for them.');
  const compiled = prepared.variants.get(out.language) as CompiledIssue;
  const blocking = sendChecks(compiled, out.message, prepared.items, out.language).filter((c) => c.severity === 'error');
  const base = `${state.kind === 'mailing' ? 'mailing' : 'newsletter'}-${state.id}-${row ? `person-${row.personId}` : 'sample'}-${out.language}`;
  if (input.format === 'html') return file(`${base}.html`, 'text/html', Buffer.from(out.message.html, 'utf8'));
  if (input.format === 'mjml') {
    const variant = state.variants.find((v) => v.language === out.language) as Variant;
    const items = state.kind === 'mailing' ? out.chosen.map((c) => prepared.items.find((i) => i.id === c.itemId)).filter((i): i is ItemRow => i !== undefined) : prepared.items;
    const facts = conditionFacts(db, compiled.conditions).forPerson(row?.personId ?? 0);
    const mjml = mergedMjml(variant.mjml, itemBlocks(items, out.language), row?.recipient ?? SAMPLE_RECIPIENT[out.language], out.language, (key) => row !== undefined && facts.has(key));
    return file(`${base}.mjml`, 'application/xml', Buffer.from(mjml, 'utf8'));
  }
  if (blocking.length > 0) throw new ApiError('forbidden', `This message cannot go out yet: ${blocking.map((c) => c.message).join(' ')}`);
  const eml = await composeMail({
    from: SENDER,
    to: { name: row?.displayName ?? '', address: row?.recipient.email ?? SAMPLE_RECIPIENT[out.language].email ?? 'sample@example.org' },
    subject: out.message.subject,
    text: out.message.text,
    html: out.message.html,
    listUnsubscribe: { url: row ? unsubscribeUrl(row.personId, row.recipient.email) : null },
  });
  return file(`${base}.eml`, 'message/rfc822', eml);
}

function file(fileName: string, mime: string, bytes: Buffer): Output<'contacts/export'> {
  return { fileName, mime, base64: bytes.toString('base64') };
}

/**
 * One recipient's MJML: merge fields filled (HTML-escaped, as MJML is markup), blocks decided, {{items}}
 * replaced by the recipient's items. The item MJML is spliced in after parsing, so it is never read for tags.
 */
export function mergedMjml(source: string, blocks: readonly ItemBlock[], recipient: MergeRecipient, language: string, holds: (key: string) => boolean): string {
  const parsed = parseTemplate(source, { slots: SLOTS });
  let text = '';
  let pos = 0;
  const occ: Occurrence[] = [];
  for (const tag of parsed.tags) {
    text += source.slice(pos, tag.start);
    pos = tag.end;
    if (tag.kind === 'slot') {
      text += tag.name === 'items' ? blocks.map((b) => b.section).join('\n') : '';
      continue;
    }
    occ.push({ start: text.length, end: text.length, tag });
  }
  text += source.slice(pos);
  const compiled = assemble(text, occ, 'html', parsed.conditions.list);
  return merge(compiled, fieldValues(recipient, language), compiled.conditions.map((c) => holds(c.key)));
}

/* ------------------------------------------------------------------------------------------- demo */

/**
 * The demo's newsletter issue (DE + EN) and personalised mailing, made from the demo content library. The
 * newsletter takes ready public and members-only items without embargo, so its audience (all member
 * organisations) fits every item; the mailing may take project-group items too, since it only ever gives
 * them to recipients inside the group.
 */
export function createDemoMessages(db: Db, now = new Date()): { newsletterId: number; mailingId: number } {
  const today = now.toISOString().slice(0, 10);
  const ready = (levels: string[]): number[] =>
    db
      .prepare(
        `SELECT ci.id FROM content_items ci WHERE ci.status = 'ready' AND (ci.embargo_until IS NULL OR substr(ci.embargo_until, 1, 10) <= ?)
           AND ci.confidentiality IN (SELECT value FROM json_each(?))
         ORDER BY EXISTS (SELECT 1 FROM content_texts t WHERE t.item_id = ci.id AND t.language = 'en') DESC, ci.id`,
      )
      .pluck()
      .all(today, JSON.stringify(levels)) as number[];
  const segment = (name: string): number | null => (db.prepare('SELECT id FROM segments WHERE name = ?').pluck().get(name) as number | undefined) ?? null;

  const issue = createNewsletter(db, { kind: 'newsletter', title: 'Newsletter 1/2027', languages: ['de', 'en'] }, now);
  const subjects: Record<string, [string, string]> = {
    de: ['Neues aus dem Cluster/Netzwerk – Ausgabe 1/2027', 'Projekte, Partnerregionen und Märkte: was sich im Winter getan hat'],
    en: ['News from the cluster/network – issue 1/2027', 'Projects, partner regions and markets: what happened this winter'],
  };
  saveNewsletter(
    db,
    {
      id: issue.id,
      title: issue.title,
      segmentId: segment('Alle Mitglieder, je Organisation eine Person'),
      templateId: issue.templateId,
      maxItems: null,
      itemIds: ready(['public', 'members']).slice(0, 5),
      variants: issue.variants.map((v) => ({ ...v, subject: subjects[v.language]?.[0] ?? v.subject, preheader: subjects[v.language]?.[1] ?? null })),
    },
    now,
  );

  const mailing = createNewsletter(db, { kind: 'mailing', title: 'Persönliche Auswahl Januar 2027', languages: ['de', 'en'] }, now);
  const mailSubjects: Record<string, string> = { de: '{{first_name|Ihre}} Auswahl aus dem Cluster/Netzwerk', en: 'Your selection from the cluster/network' };
  saveNewsletter(
    db,
    {
      id: mailing.id,
      title: mailing.title,
      segmentId: segment('Alle Mitglieder, je Organisation eine Person'),
      templateId: mailing.templateId,
      maxItems: 3,
      itemIds: ready(['public', 'members', 'project_group']).slice(0, 10),
      variants: mailing.variants.map((v) => ({ ...v, subject: mailSubjects[v.language] ?? v.subject })),
    },
    now,
  );
  return { newsletterId: issue.id, mailingId: mailing.id };
}

/* -------------------------------------------------------------------------------------------- API */

export function registerNewsletters(table: HandlerTable): void {
  table.register('newsletters/list', (_i, c) => ({ rows: listNewsletters(c.db) }));
  table.register('newsletters/get', (i, c) => getNewsletter(c.db, i.id));
  table.register('newsletters/create', (i, c) => createNewsletter(c.db, i));
  table.register('newsletters/save', (i, c) => saveNewsletter(c.db, i));
  table.register('newsletters/duplicate', (i, c) => duplicateNewsletter(c.db, i.id));
  table.register('newsletters/delete', (i, c) => ({ deleted: deleteNewsletter(c.db, i.id) }));
  table.register('newsletters/preview', (i, c) => previewNewsletter(c.db, i));
  table.register('newsletters/recipients', (i, c) => listRecipients(c.db, i));
  table.register('newsletters/export', (i, c) => exportMessage(c.db, i));
}
