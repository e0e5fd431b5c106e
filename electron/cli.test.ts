/** The CLI in-process (same code as bin/spillover.mjs), against real data folders. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { openDatabase } from './db/database';
import { LATEST_VERSION } from './db/migrations';
import { tempDir } from './test/tmp';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('spillover CLI', () => {
  it('demo then db check: exit 0 and the schema version', async () => {
    const dir = tempDir();
    const a = io();
    expect((await runCli(['demo', '--data-dir', dir], a.io)).code).toBe(0);
    expect(a.out.join('\n')).toMatch(/40 organisations, 150 persons, 3 R&D projects/);
    const b = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], b.io)).code).toBe(0);
    expect(b.out.join('\n')).toContain(`Schema version: ${LATEST_VERSION}`);
    expect(b.out.join('\n')).toContain('All checks passed.');
  });

  it('demo refuses a folder with data unless --replace, which writes a backup', async () => {
    const dir = tempDir();
    await runCli(['demo', '--data-dir', dir], io().io);
    const again = io();
    expect((await runCli(['demo', '--data-dir', dir], again.io)).code).toBe(1);
    expect(again.err.join('\n')).toMatch(/already holds/);
    const replace = io();
    expect((await runCli(['demo', '--replace', '--data-dir', dir], replace.io)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('honours SPILLOVER_DATA_DIR', async () => {
    const dir = tempDir();
    const previous = process.env.SPILLOVER_DATA_DIR;
    process.env.SPILLOVER_DATA_DIR = dir;
    try {
      expect((await runCli(['demo'], io().io)).code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'spillover.sqlite'))).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.SPILLOVER_DATA_DIR;
      else process.env.SPILLOVER_DATA_DIR = previous;
    }
  });

  it('db check and serve exit non-zero on a newer database and leave it byte for byte', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'spillover.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fs.readFileSync(file);
    const check = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], check.io)).code).toBe(2);
    expect(check.err.join('\n')).toMatch(/newer Spillover.*update Spillover/s);
    const serve = io();
    expect((await runCli(['serve', '--no-open', '--port', '0', '--data-dir', dir], serve.io)).code).toBe(2);
    expect(serve.err.join('\n')).toMatch(/newer Spillover/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('db check on a folder without a database says so and creates nothing', async () => {
    const dir = tempDir();
    const r = io();
    expect((await runCli(['db', 'check', '--data-dir', dir], r.io)).code).toBe(2);
    expect(r.err.join('\n')).toMatch(/no Spillover database/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('prints help, the version, and clear usage errors', async () => {
    const h = io();
    expect((await runCli(['--help'], h.io)).code).toBe(0);
    expect(h.out.join('\n')).toMatch(/serve .*demo.*db check/s);
    const v = io();
    expect((await runCli(['--version'], v.io)).code).toBe(0);
    expect(v.out[0]).toMatch(/^\d+\.\d+\.\d+/);
    const u = io();
    expect((await runCli(['launch'], u.io)).code).toBe(2);
    expect(u.err.join('\n')).toMatch(/Unknown command "launch"/);
    const f = io();
    expect((await runCli(['serve', '--bogus'], f.io)).code).toBe(2);
    const p = io();
    expect((await runCli(['serve', '--port', 'eighty', '--data-dir', tempDir()], p.io)).code).toBe(2);
    expect(p.err.join('\n')).toMatch(/--port/);
  });
});
