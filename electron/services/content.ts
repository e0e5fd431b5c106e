/**
 * The content library: progress items (Meldungen) with their texts per language, and their images.
 *
 * - An item's topic is a name from the managed topics list (created when new, as organisations take
 *   theirs); its partner region must be one of the cluster's partner regions; projects and circles are ids.
 * - Status "used" is not stored: an item is used while a newsletter or mailing carries it, and `usedIn`
 *   names them. Deleting such an item is refused with their names, since the newsletter would lose it.
 * - Search folds umlauts like the contacts search (Müller = Mueller = Muller) over titles and bodies in
 *   both languages. The library holds hundreds of items, not hundreds of thousands, so the filter runs
 *   over the loaded rows instead of a full-text index that would have to be kept in step with every save.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api';
import { foldText } from '../../shared/contacts/cleaning';
import type { Asset, AssetData, ContentItem, ContentOptions, ContentText } from '../../shared/content/schemas';
import type { ContentListInput, ContentSave } from '../../shared/content/schemas';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { ensureNamed } from './lists';
import type { HandlerTable } from './registry';
import { imageSize, MAX_IMAGE_BYTES, sniffImage } from './images';

type SaveInput = z.output<typeof ContentSave>;
type ListInput = z.output<typeof ContentListInput>;

interface ItemRow {
  id: number;
  topic: string | null;
  project_id: number | null;
  project: string | null;
  region: string | null;
  information_kind: ContentItem['informationKind'];
  confidentiality: ContentItem['confidentiality'];
  group_project_id: number | null;
  group_project: string | null;
  group_segment_id: number | null;
  group_segment: string | null;
  image_asset_id: number | null;
  image_alt: string | null;
  link: string | null;
  embargo_until: string | null;
  status: ContentItem['status'];
  created_at: string;
  updated_at: string;
}

const ITEM_SELECT = `
  SELECT i.id, t.name AS topic, i.project_id, p.acronym AS project, r.name AS region, i.information_kind,
         i.confidentiality, i.group_project_id, gp.acronym AS group_project, i.group_segment_id, gs.name AS group_segment,
         i.image_asset_id, i.image_alt, i.link, i.embargo_until, i.status, i.created_at, i.updated_at
  FROM content_items i
  LEFT JOIN topics t ON t.id = i.topic_id
  LEFT JOIN projects p ON p.id = i.project_id
  LEFT JOIN partner_regions r ON r.id = i.region_id
  LEFT JOIN projects gp ON gp.id = i.group_project_id
  LEFT JOIN segments gs ON gs.id = i.group_segment_id`;

/** Loads items (all when `ids` is absent) with texts and uses, newest change first. */
export function loadItems(db: Db, ids?: readonly number[]): ContentItem[] {
  const where = ids ? `WHERE i.id IN (SELECT value FROM json_each(?))` : '';
  const params = ids ? [JSON.stringify(ids)] : [];
  const rows = db.prepare(`${ITEM_SELECT} ${where} ORDER BY i.updated_at DESC, i.id DESC`).all(...params) as ItemRow[];
  const texts = new Map<number, ContentItem['texts']>();
  const textRows = db
    .prepare(`SELECT item_id, language, title, body_md FROM content_texts ${ids ? 'WHERE item_id IN (SELECT value FROM json_each(?))' : ''}`)
    .all(...params) as { item_id: number; language: string; title: string; body_md: string }[];
  for (const t of textRows) {
    if (t.language !== 'de' && t.language !== 'en') continue;
    const entry = texts.get(t.item_id) ?? {};
    entry[t.language] = { title: t.title, body: t.body_md };
    texts.set(t.item_id, entry);
  }
  const uses = new Map<number, ContentItem['usedIn']>();
  const useRows = db
    .prepare(
      `SELECT ni.item_id, n.id, n.title, n.kind FROM newsletter_items ni JOIN newsletters n ON n.id = ni.newsletter_id
       ${ids ? 'WHERE ni.item_id IN (SELECT value FROM json_each(?))' : ''} ORDER BY n.updated_at DESC`,
    )
    .all(...params) as { item_id: number; id: number; title: string; kind: 'newsletter' | 'mailing' }[];
  for (const u of useRows) {
    const list = uses.get(u.item_id) ?? [];
    list.push({ id: u.id, title: u.title, kind: u.kind });
    uses.set(u.item_id, list);
  }
  return rows.map((r) => {
    const usedIn = uses.get(r.id) ?? [];
    return {
      id: r.id,
      texts: texts.get(r.id) ?? {},
      topic: r.topic,
      projectId: r.project_id,
      project: r.project,
      region: r.region,
      informationKind: r.information_kind,
      confidentiality: r.confidentiality,
      groupProjectId: r.group_project_id,
      groupSegmentId: r.group_segment_id,
      group: r.confidentiality === 'project_group' ? r.group_project : r.confidentiality === 'confidential' ? r.group_segment : null,
      imageAssetId: r.image_asset_id,
      imageAlt: r.image_alt,
      link: r.link,
      embargoUntil: r.embargo_until,
      status: usedIn.length > 0 ? 'used' : r.status,
      usedIn,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function getItem(db: Db, id: number): ContentItem {
  const [item] = loadItems(db, [id]);
  if (!item) throw new ApiError('not_found', `There is no content item with id ${id}; it may have been deleted.`);
  return item;
}

/** Both foldings, so "mueller" and "muller" find "Müller" as in the contacts search. */
function folds(text: string): [string, string] {
  return [foldText(text, 'expand'), foldText(text, 'strip')];
}

export function listItems(db: Db, input: ListInput): ContentItem[] {
  const words = input.search.trim().split(/\s+/).filter((w) => w.length > 0).map(folds);
  const same = (a: string | null, b: string | undefined): boolean => b === undefined || (a !== null && a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0);
  return loadItems(db).filter((item) => {
    if (!same(item.topic, input.topic) || !same(item.region, input.region)) return false;
    if (input.projectId !== undefined && item.projectId !== input.projectId) return false;
    if (input.informationKind !== undefined && item.informationKind !== input.informationKind) return false;
    if (input.confidentiality !== undefined && item.confidentiality !== input.confidentiality) return false;
    if (input.status !== undefined && item.status !== input.status) return false;
    if (input.language !== undefined && item.texts[input.language] === undefined) return false;
    if (words.length === 0) return true;
    const text = [item.texts.de, item.texts.en]
      .filter((t): t is ContentText => t !== undefined)
      .map((t) => `${t.title} ${t.body}`)
      .join(' ');
    const [expanded, stripped] = folds(text);
    return words.every(([e, s]) => expanded.includes(e) || stripped.includes(s));
  });
}

function refuse(path: string, message: string): never {
  throw new ApiError('bad_input', message, [{ path, message }]);
}

export function saveItem(db: Db, input: SaveInput): ContentItem {
  return db.transaction((): ContentItem => {
    const now = new Date().toISOString();
    if (input.id !== undefined) getItem(db, input.id);
    const projectExists = (id: number): boolean => db.prepare('SELECT 1 FROM projects WHERE id = ?').get(id) !== undefined;
    if (input.projectId !== null && !projectExists(input.projectId)) refuse('projectId', 'That R&D project no longer exists; choose another project or none.');
    if (input.groupProjectId !== null && !projectExists(input.groupProjectId)) refuse('groupProjectId', 'That project no longer exists; choose the project whose group may read the item.');
    let regionId: number | null = null;
    if (input.region !== null) {
      const region = db.prepare('SELECT id FROM partner_regions WHERE name = ? COLLATE NOCASE').get(input.region) as { id: number } | undefined;
      if (!region) {
        const known = (db.prepare('SELECT name FROM partner_regions ORDER BY name').all() as { name: string }[]).map((r) => r.name);
        refuse('region', `"${input.region}" is not a partner region; choose one of: ${known.join(', ') || '(none defined yet)'}.`);
      }
      regionId = region.id;
    }
    // Only the circle that belongs to the level is kept, so a level change cannot leave a stale circle behind.
    const groupProjectId = input.confidentiality === 'project_group' ? input.groupProjectId : null;
    const groupSegmentId = input.confidentiality === 'confidential' ? input.groupSegmentId : null;
    if (groupSegmentId !== null) {
      const seg = db.prepare('SELECT kind FROM segments WHERE id = ?').get(groupSegmentId) as { kind: string } | undefined;
      if (!seg) refuse('groupSegmentId', 'That list no longer exists; choose the hand-picked list of people who may read the item.');
      if (seg.kind !== 'static') refuse('groupSegmentId', 'A confidential item needs a hand-picked list (its readers are named one by one), not a rule-based segment.');
    }
    if (input.imageAssetId !== null && db.prepare('SELECT 1 FROM assets WHERE id = ?').get(input.imageAssetId) === undefined) {
      refuse('imageAssetId', 'The image is missing; upload it again.');
    }
    const topicId = input.topic === null ? null : ensureNamed(db, 'topics', input.topic);
    // "used" is derived from the newsletters that carry an item; a stored "used" would never clear.
    const status = input.status === 'used' ? 'ready' : input.status;
    const values = [
      topicId,
      input.projectId,
      regionId,
      input.informationKind,
      input.confidentiality,
      groupProjectId,
      groupSegmentId,
      input.imageAssetId,
      input.imageAssetId === null ? null : input.imageAlt,
      input.link,
      input.embargoUntil,
      status,
    ];
    let id: number;
    if (input.id === undefined) {
      id = Number(
        db
          .prepare(
            `INSERT INTO content_items (topic_id, project_id, region_id, information_kind, confidentiality, group_project_id, group_segment_id,
               image_asset_id, image_alt, link, embargo_until, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(...values, now, now).lastInsertRowid,
      );
    } else {
      id = input.id;
      db.prepare(
        `UPDATE content_items SET topic_id = ?, project_id = ?, region_id = ?, information_kind = ?, confidentiality = ?, group_project_id = ?,
           group_segment_id = ?, image_asset_id = ?, image_alt = ?, link = ?, embargo_until = ?, status = ?, updated_at = ? WHERE id = ?`,
      ).run(...values, now, id);
      db.prepare('DELETE FROM content_texts WHERE item_id = ?').run(id);
    }
    const insertText = db.prepare('INSERT INTO content_texts (item_id, language, title, body_md) VALUES (?, ?, ?, ?)');
    for (const language of ['de', 'en'] as const) {
      const text = input.texts[language];
      if (text) insertText.run(id, language, text.title, text.body);
    }
    return getItem(db, id);
  })();
}

export function deleteItem(db: Db, id: number): boolean {
  const item = getItem(db, id);
  if (item.usedIn.length > 0) {
    const names = item.usedIn.map((u) => `"${u.title}"`).join(', ');
    throw new ApiError('conflict', `This item is used in ${names}; remove it there first, then delete it.`);
  }
  return db.prepare('DELETE FROM content_items WHERE id = ?').run(id).changes > 0;
}

export function contentOptions(db: Db): ContentOptions {
  return {
    topics: (db.prepare('SELECT name FROM topics ORDER BY name COLLATE NOCASE').all() as { name: string }[]).map((r) => r.name),
    projects: db.prepare('SELECT id, acronym, title FROM projects ORDER BY acronym COLLATE NOCASE').all() as ContentOptions['projects'],
    regions: (db.prepare('SELECT name FROM partner_regions ORDER BY name COLLATE NOCASE').all() as { name: string }[]).map((r) => r.name),
    lists: db
      .prepare(
        `SELECT s.id, s.name, (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id) AS members
         FROM segments s WHERE s.kind = 'static' ORDER BY s.name COLLATE NOCASE`,
      )
      .all() as ContentOptions['lists'],
  };
}

/* ---------------------------------------------------------------- assets */

function assetOf(row: { id: number; name: string; mime: string; bytes: Uint8Array }): Asset {
  const size = imageSize(row.bytes, row.mime);
  return { id: row.id, name: row.name, mime: row.mime, bytes: row.bytes.length, width: size?.width ?? null, height: size?.height ?? null };
}

export function uploadAsset(db: Db, fileName: string, base64: string): Asset {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) refuse('file', `${fileName} is empty; choose an image file (PNG, JPEG, GIF or WebP).`);
  if (bytes.length > MAX_IMAGE_BYTES) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    refuse('file', `${fileName} is ${mb(bytes.length)} MB; images can be at most ${mb(MAX_IMAGE_BYTES)} MB. Make it smaller (e.g. 1200 px wide) and upload it again.`);
  }
  const mime = sniffImage(bytes);
  if (mime === 'svg') refuse('file', `${fileName} is an SVG drawing, which can carry scripts into mails; export it as PNG and upload that.`);
  if (mime === null) refuse('file', `${fileName} is not an image (PNG, JPEG, GIF or WebP); choose an image file.`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const found = db.prepare('SELECT id, name, mime, bytes FROM assets WHERE sha256 = ?').get(sha256) as { id: number; name: string; mime: string; bytes: Uint8Array } | undefined;
  if (found) return assetOf(found);
  const name = fileName.replace(/[\\/]/g, '_').slice(0, 255);
  const id = Number(db.prepare('INSERT INTO assets (sha256, mime, name, bytes, created_at) VALUES (?, ?, ?, ?, ?)').run(sha256, mime, name, bytes, new Date().toISOString()).lastInsertRowid);
  return assetOf({ id, name, mime, bytes });
}

export function getAsset(db: Db, id: number): AssetData {
  const row = db.prepare('SELECT id, name, mime, bytes FROM assets WHERE id = ?').get(id) as { id: number; name: string; mime: string; bytes: Buffer } | undefined;
  if (!row) throw new ApiError('not_found', `There is no image with id ${id}; upload it again.`);
  return { id: row.id, name: row.name, mime: row.mime, base64: Buffer.from(row.bytes).toString('base64') };
}

export function registerContent(table: HandlerTable): void {
  table.register('content/list', (input, { db }) => ({ rows: listItems(db, input) }));
  table.register('content/get', (input, { db }) => getItem(db, input.id));
  table.register('content/save', (input, { db }) => saveItem(db, input));
  table.register('content/delete', (input, { db }) => ({ deleted: deleteItem(db, input.id) }));
  table.register('content/options', (_input, { db }) => contentOptions(db));
  table.register('assets/upload', (input, { db }) => uploadAsset(db, input.fileName, input.base64));
  table.register('assets/get', (input, { db }) => getAsset(db, input.id));
}
