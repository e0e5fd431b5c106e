/**
 * The content library against a real SQLite file with the demo cluster, called through the handler table
 * so input validation and error shapes are what the renderer sees.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveInputOf, type ContentItem } from '../../shared/content/schemas';
import { startBackend } from '../app';
import type { Input } from '../../shared/api';
import { call, ok } from '../test/api';
import { tempDir } from '../test/tmp';
import { MAX_IMAGE_BYTES } from './images';
import { demoContent } from '../../shared/demo/content';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}
type Backend = ReturnType<typeof demo>;

const projectId = (b: Backend, acronym: string): number => (b.db.prepare('SELECT id FROM projects WHERE acronym = ?').get(acronym) as { id: number }).id;

// 1x1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const GIF = Buffer.from('GIF89a\x02\x00\x03\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1').toString('base64');

describe('content items', () => {
  it('creates an item with both languages, a new topic by name, a project and a partner region, and reads it back', async () => {
    const b = demo();
    const item = (await ok(b, 'content/save', {
      texts: { de: { title: 'Prüfstand für Drucktanks in Singapur', body: 'Der **Berstprüfstand** läuft.' }, en: { title: 'Test rig for pressure tanks in Singapore', body: 'The burst rig is running.' } },
      topic: 'Tropentauglichkeit',
      projectId: projectId(b, 'H2TANK-SG'),
      region: 'singapur',
      informationKind: 'technological_knowledge',
      confidentiality: 'members',
      link: 'https://www.h2tank.example/news',
    })) as ContentItem;
    expect(item).toMatchObject({ topic: 'Tropentauglichkeit', project: 'H2TANK-SG', region: 'Singapur', status: 'draft', usedIn: [], group: null });
    expect(item.texts.en?.title).toBe('Test rig for pressure tanks in Singapore');
    expect(b.db.prepare("SELECT count(*) AS n FROM topics WHERE name = 'Tropentauglichkeit'").get()).toEqual({ n: 1 });
    // Update drops the English text and keeps one row per language.
    const updated = (await ok(b, 'content/save', { ...saveInputOf(item), texts: { de: item.texts.de! }, status: 'ready' })) as ContentItem;
    expect(updated.texts).toEqual({ de: item.texts.de });
    expect(updated.status).toBe('ready');
    b.close();
  });

  it('says what to do when a circle, a region or a title is missing, or a link is unsafe', async () => {
    const b = demo();
    const base = { texts: { de: { title: 'Vertraulich', body: '' } }, informationKind: 'other' as const };
    const group = await call(b, 'content/save', { ...base, confidentiality: 'project_group' });
    expect(group).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'groupProjectId', message: expect.stringMatching(/needs the project/) }] } });
    const confidential = await call(b, 'content/save', { ...base, confidentiality: 'confidential' });
    expect(confidential).toMatchObject({ ok: false, error: { issues: [{ path: 'groupSegmentId' }] } });
    const dynamicList = (b.db.prepare("SELECT id FROM segments WHERE kind = 'dynamic' LIMIT 1").get() as { id: number }).id;
    expect(await call(b, 'content/save', { ...base, confidentiality: 'confidential', groupSegmentId: dynamicList })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'groupSegmentId', message: expect.stringMatching(/hand-picked/) }] },
    });
    expect(await call(b, 'content/save', { ...base, region: 'Atlantis' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'region', message: expect.stringMatching(/Québec/) }] },
    });
    expect(await call(b, 'content/save', { ...base, link: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { issues: [{ path: 'link' }] } });
    expect(await call(b, 'content/save', { texts: {}, informationKind: 'other' })).toMatchObject({ ok: false, error: { issues: [{ path: 'texts.de' }] } });
    expect(await call(b, 'content/save', { ...base, imageAssetId: 999 })).toMatchObject({ ok: false, error: { issues: [{ path: 'imageAlt' }] } });
    b.close();
  });

  it('keeps only the circle of the chosen level', async () => {
    const b = demo();
    const item = (await ok(b, 'content/save', {
      texts: { de: { title: 'Nur für die Projektgruppe', body: '' } },
      informationKind: 'foreign_contacts',
      confidentiality: 'project_group',
      groupProjectId: projectId(b, 'COMPOSITE-SA'),
    })) as ContentItem;
    expect(item.group).toBe('COMPOSITE-SA');
    const widened = (await ok(b, 'content/save', { ...saveInputOf(item), confidentiality: 'members' })) as ContentItem;
    expect(widened.groupProjectId).toBeNull();
    b.close();
  });

  it('searches titles and texts in both languages with ä = ae = a, and filters', async () => {
    const b = demo();
    const save = (de: string, en: string | null, extra: Partial<Input<'content/save'>> = {}) =>
      ok(b, 'content/save', { texts: { de: { title: de, body: 'Text' }, ...(en ? { en: { title: en, body: 'Body about Québec' } } : {}) }, informationKind: 'other', ...extra });
    const a = (await save('Größere Märkte in Übersee', null, { informationKind: 'foreign_markets' })) as ContentItem;
    const c = (await save('Neue Kontakte', 'New contacts', { region: 'Québec', status: 'ready' })) as ContentItem;
    const ids = async (input: Input<'content/list'>) => ((await ok(b, 'content/list', input)) as { rows: ContentItem[] }).rows.map((r) => r.id).filter((id) => id === a.id || id === c.id);
    expect(await ids({ search: 'maerkte' })).toEqual([a.id]);
    expect(await ids({ search: 'markte uebersee' })).toEqual([a.id]);
    expect(await ids({ search: 'GRÖSSERE' })).toEqual([a.id]);
    expect(await ids({ search: 'quebec' })).toEqual([c.id]);
    expect(await ids({ search: 'contacts' })).toEqual([c.id]);
    expect(await ids({ language: 'en' })).toEqual([c.id]);
    expect(await ids({ region: 'québec' })).toEqual([c.id]);
    expect(await ids({ informationKind: 'foreign_markets' })).toEqual([a.id]);
    expect(await ids({ status: 'ready' })).toEqual([c.id]);
    expect((await ids({})).sort()).toEqual([a.id, c.id].sort());
    b.close();
  });

  it('marks an item used by the newsletters that carry it, and refuses to delete it while they do', async () => {
    const b = demo();
    const item = (await ok(b, 'content/save', { texts: { de: { title: 'In Gebrauch', body: '' } }, informationKind: 'other', status: 'ready' })) as ContentItem;
    const ts = new Date().toISOString();
    const nl = Number(b.db.prepare("INSERT INTO newsletters (kind, title, purpose, created_at, updated_at) VALUES ('newsletter', 'Newsletter Dezember', 'newsletter', ?, ?)").run(ts, ts).lastInsertRowid);
    b.db.prepare('INSERT INTO newsletter_items (newsletter_id, item_id, position) VALUES (?, ?, 1)').run(nl, item.id);
    expect(await ok(b, 'content/get', { id: item.id })).toMatchObject({ status: 'used', usedIn: [{ id: nl, title: 'Newsletter Dezember', kind: 'newsletter' }] });
    expect(await ids(b, 'used')).toContain(item.id);
    expect(await call(b, 'content/delete', { id: item.id, confirm: true })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('"Newsletter Dezember"') } });
    b.db.prepare('DELETE FROM newsletter_items').run();
    expect(await ok(b, 'content/delete', { id: item.id, confirm: true })).toEqual({ deleted: true });
    expect(await call(b, 'content/get', { id: item.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    b.close();
  });

  it('offers managed topics, projects, regions and only hand-picked lists', async () => {
    const b = demo();
    const options = (await ok(b, 'content/options', {})) as { topics: string[]; projects: { acronym: string }[]; regions: string[]; lists: { name: string }[] };
    expect(options.projects.map((p) => p.acronym)).toEqual(['COMPOSITE-SA', 'H2TANK-SG', 'TIMBERLIGHT-QC']);
    expect(options.regions).toEqual(expect.arrayContaining(['Québec', 'Singapur', 'Sophia Antipolis']));
    expect(options.topics).toContain('Wasserstofftanks');
    const staticNames = (b.db.prepare("SELECT name FROM segments WHERE kind = 'static'").all() as { name: string }[]).map((r) => r.name).sort();
    expect(options.lists.map((l) => l.name).sort()).toEqual(staticNames);
    b.close();
  });
});

async function ids(b: Backend, status: 'used' | 'ready' | 'draft'): Promise<number[]> {
  return ((await ok(b, 'content/list', { status })) as { rows: ContentItem[] }).rows.map((r) => r.id);
}

describe('images', () => {
  it('stores PNG and GIF by their bytes with their size, once per content', async () => {
    const b = demo();
    const png = await ok(b, 'assets/upload', { fileName: 'logo.gif', base64: PNG });
    expect(png).toMatchObject({ mime: 'image/png', width: 1, height: 1, name: 'logo.gif' });
    expect(await ok(b, 'assets/upload', { fileName: 'again.png', base64: PNG })).toMatchObject({ id: (png as { id: number }).id });
    expect(await ok(b, 'assets/upload', { fileName: 'x.gif', base64: GIF })).toMatchObject({ mime: 'image/gif', width: 2, height: 3 });
    expect(await ok(b, 'assets/get', { id: (png as { id: number }).id })).toMatchObject({ mime: 'image/png', base64: PNG });
    b.close();
  });

  it('refuses what is not an image, SVG, and files that are too large, saying what to do', async () => {
    const b = demo();
    const text = Buffer.from('%PDF-1.7 not a picture').toString('base64');
    expect(await call(b, 'assets/upload', { fileName: 'bericht.png', base64: text })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: 'bericht.png is not an image (PNG, JPEG, GIF or WebP); choose an image file.' },
    });
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    expect(await call(b, 'assets/upload', { fileName: 'logo.svg', base64: svg })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/SVG.*PNG/) } });
    // Just over the limit, and a typical camera photo: both get the message, not a schema error.
    for (const size of [MAX_IMAGE_BYTES + 1, 12 * 1024 * 1024]) {
      const big = Buffer.alloc(size);
      Buffer.from(PNG, 'base64').copy(big);
      expect(await call(b, 'assets/upload', { fileName: 'foto.png', base64: big.toString('base64') })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/at most 5\.0 MB/) } });
    }
    expect(b.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual({ n: 0 });
    b.close();
  });
});

describe('demo content library', () => {
  it('is loaded with the demo: items of every level, circles named, the hand-picked list with its members', async () => {
    const b = demo();
    const { rows } = (await ok(b, 'content/list', {})) as { rows: ContentItem[] };
    expect(rows).toHaveLength(demoContent().items.length);
    const confidential = rows.find((r) => r.confidentiality === 'confidential')!;
    expect(confidential.group).toBe('Lenkungskreis Hafenpilot Singapur');
    expect(rows.filter((r) => r.confidentiality === 'project_group').map((r) => r.group).sort()).toEqual(['COMPOSITE-SA', 'H2TANK-SG', 'TIMBERLIGHT-QC']);
    const options = (await ok(b, 'content/options', {})) as { lists: { name: string; members: number }[] };
    expect(options.lists).toContainEqual({ id: confidential.groupSegmentId, name: 'Lenkungskreis Hafenpilot Singapur', members: 3 });
    b.close();
  });
});

describe('naughty strings', () => {
  it('every line of the Big List of Naughty Strings survives as a title and text, and as a search', async () => {
    const file = path.resolve(__dirname, '../../../shared/fixtures/naughty-strings/blns.txt');
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(400);
    const b = demo();
    for (const line of lines) {
      const title = line.trim().slice(0, 200).trim();
      const env = await call(b, 'content/save', { texts: { en: { title, body: line } }, informationKind: 'other' });
      if (!env.ok) throw new Error(`${JSON.stringify(line)}: ${env.error.message}`);
      const item = env.value as ContentItem;
      expect((await ok(b, 'content/get', { id: item.id })) as ContentItem).toMatchObject({ texts: { en: { title, body: line } } });
      const found = await call(b, 'content/list', { search: line.slice(0, 500) });
      expect(found.ok, line).toBe(true);
    }
    b.close();
  }, 120_000);
});
