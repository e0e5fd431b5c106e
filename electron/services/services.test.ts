/** The handler table and the services behind it, against real SQLite files. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type Method } from '../../shared/api';
import { demoCluster } from '../../shared/demo/cluster';
import { startBackend } from '../app';
import { openDatabase } from '../db/database';
import { LATEST_VERSION } from '../db/migrations';
import { tempDir } from '../test/tmp';
import { createHandlerTable } from '.';
import { dashboard } from './dashboard';
import { clearData, isEmpty, loadDemo, loadDemoOnFirstStart } from './demo';
import { HandlerTable } from './registry';

function backend() {
  return startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
}

describe('HandlerTable', () => {
  it('refuses a second handler for the same method', () => {
    const b = backend();
    const table = new HandlerTable(b.table.context);
    table.register('settings/get', () => ({ language: 'de', sizeThresholds: { microBelow: 10, smallBelow: 50, mediumBelow: 250 }, staleAfterMonths: 12 }));
    expect(() => table.register('settings/get', () => ({ language: 'en', sizeThresholds: { microBelow: 10, smallBelow: 50, mediumBelow: 250 }, staleAfterMonths: 12 }))).toThrow(/twice/);
    b.close();
  });

  it('refuses to start with a contract method left without a handler', () => {
    const b = backend();
    const table = new HandlerTable(b.table.context);
    expect(() => table.assertComplete()).toThrow(/No handler for: app\/info/);
    b.close();
  });

  it('implements every contract method', () => {
    const b = backend();
    expect(() => createHandlerTable(b.table.context)).not.toThrow();
    b.close();
  });

  it('answers unknown methods and invalid input with error envelopes, not exceptions', async () => {
    const b = backend();
    expect(await b.table.dispatch('nope/never', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await b.table.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await b.table.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const bad = await b.table.dispatch('settings/update', { language: 'fr' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'language' }] } });
    expect(await b.table.dispatch('settings/update', { surprise: 1 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await b.table.dispatch('data/clear', {})).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    b.close();
  });

  it('refuses a handler result that does not match the contract', async () => {
    const b = backend();
    const table = new HandlerTable(b.table.context);
    // Deliberately wrong at runtime to prove output validation; the cast is the point of this test.
    table.register('app/info', () => ({ version: 1 }) as unknown as never);
    expect(await table.dispatch('app/info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    b.close();
  });
});

describe('contract', () => {
  it('names every method noun/verb', () => {
    for (const m of Object.keys(contract) as Method[]) expect(m).toMatch(/^[a-z]+\/[a-z][A-Za-z]*$/);
  });
});

describe('demo cluster and dashboard', () => {
  it('loads the demo into an empty database and the dashboard counts what was loaded', () => {
    const b = backend();
    expect(isEmpty(b.db)).toBe(true);
    const summary = loadDemo(b.db);
    const demo = demoCluster();
    expect(summary).toEqual({ organisations: demo.organisations.length, persons: demo.persons.length, projects: demo.projects.length });
    const d = dashboard(b.db);
    expect(d.isEmpty).toBe(false);
    expect(d.organisations.total).toBe(demo.organisations.length);
    expect(d.persons.total).toBe(demo.persons.length);
    expect(d.persons.active).toBe(demo.persons.filter((p) => p.status === 'active').length);
    expect(d.persons.keyContacts).toBe(demo.persons.filter((p) => p.keyContact && p.status === 'active').length);
    for (const kind of Object.keys(d.organisations.byKind) as (keyof typeof d.organisations.byKind)[]) {
      expect(d.organisations.byKind[kind], kind).toBe(demo.organisations.filter((o) => o.kind === kind).length);
    }
    const members = demo.organisations.filter((o) => o.membership === 'member');
    const fundedKeys = new Set(demo.projects.flatMap((p) => p.participants.filter((x) => x.funded).map((x) => x.organisationKey)));
    expect(d.members.funded).toBe(members.filter((o) => fundedKeys.has(o.key)).length);
    expect(d.members.funded + d.members.notFunded).toBe(members.length);
    expect(d.members.funded).toBeLessThan(d.members.notFunded);
    const withKey = new Set(demo.persons.filter((p) => p.keyContact && p.status === 'active').map((p) => p.organisationKey));
    expect(d.members.withoutKeyContact).toBe(members.filter((o) => !withKey.has(o.key)).length);
    // Newsletter consent: active persons whose latest newsletter record says "given".
    const consenting = demo.persons.filter((p) => {
      const latest = p.consents.filter((c) => c.purpose === 'newsletter').sort((a, b) => a.at.localeCompare(b.at)).at(-1);
      return p.status === 'active' && latest?.action === 'given';
    });
    expect(d.persons.newsletterConsent).toBe(consenting.length);
    expect(d.projects.map((p) => p.acronym).sort()).toEqual(demo.projects.map((p) => p.acronym).sort());
    expect(b.db.pragma('foreign_key_check')).toEqual([]);
    b.close();
  });

  it('refuses to load the demo into a database that holds data, and changes nothing', async () => {
    const b = backend();
    loadDemo(b.db);
    const before = dashboard(b.db);
    const env = await b.table.dispatch('demo/load', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dashboard(b.db)).toEqual(before);
    b.close();
  });

  it('seeds the demo on the first start only, not again after the user cleared it', () => {
    const dataDir = tempDir();
    const first = startBackend({ dataDir, shell: 'browser' });
    expect(first.seededDemo).toBe(true);
    clearData(first.db, dataDir);
    first.close();
    const second = startBackend({ dataDir, shell: 'browser' });
    expect(second.seededDemo).toBe(false);
    expect(isEmpty(second.db)).toBe(true);
    // The starter templates are the application's, not cluster data: they survive a clear.
    expect(second.db.prepare('SELECT count(*) AS n FROM templates WHERE starter = 1').get()).toEqual({ n: 4 });
    second.close();
  });

  it('does not seed the demo into a database that already has data', () => {
    const b = backend();
    b.db.prepare("INSERT INTO organisations (name, kind, membership, created_at, updated_at) VALUES ('Eigene GmbH', 'small_firm', 'member', 'x', 'x')").run();
    expect(loadDemoOnFirstStart(b.db)).toBe(false);
    expect(dashboard(b.db).organisations.total).toBe(1);
    b.close();
  });

  it('clearing writes a complete backup first, from which the data can be restored', async () => {
    const b = backend();
    loadDemo(b.db);
    const before = dashboard(b.db);
    const env = await b.table.dispatch('data/clear', { confirm: true });
    expect(env.ok).toBe(true);
    const backupFile = (env as { ok: true; value: { backupFile: string } }).value.backupFile;
    expect(path.dirname(backupFile)).toBe(path.join(b.dataDir, 'backups'));
    expect(dashboard(b.db).isEmpty).toBe(true);
    // Settings survive a clear.
    expect((await b.table.dispatch('settings/update', { language: 'en' })).ok).toBe(true);
    const restored = openDatabase(backupFile);
    expect(dashboard(restored)).toEqual(before);
    restored.close();
    expect(fs.statSync(backupFile).size).toBeGreaterThan(0);
    b.close();
  });
});

describe('settings', () => {
  it('returns defaults, stores changes, and keeps them across restarts', async () => {
    const dataDir = tempDir();
    const a = startBackend({ dataDir, shell: 'cli', seedDemo: false });
    expect(await a.table.dispatch('settings/get', {})).toMatchObject({ ok: true, value: { language: 'system', staleAfterMonths: 12 } });
    await a.table.dispatch('settings/update', { language: 'en', staleAfterMonths: 6 });
    a.close();
    const b = startBackend({ dataDir, shell: 'cli', seedDemo: false });
    expect(await b.table.dispatch('settings/get', {})).toMatchObject({ ok: true, value: { language: 'en', staleAfterMonths: 6 } });
    b.close();
  });

  it('falls back to the default for a stored value that no longer validates', async () => {
    const b = backend();
    b.db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"klingon\"')").run();
    expect(await b.table.dispatch('settings/get', {})).toMatchObject({ ok: true, value: { language: 'system' } });
    b.close();
  });

  it('reports app info with the real schema version and folders', async () => {
    const b = backend();
    const env = await b.table.dispatch('app/info', {});
    expect(env).toMatchObject({ ok: true, value: { shell: 'cli', dataDir: b.dataDir, databaseFile: b.databaseFile, schemaVersion: LATEST_VERSION } });
    b.close();
  });
});
