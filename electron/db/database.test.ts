import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/tmp';
import { checkDatabaseFile, DatabaseRefusedError, openDatabase } from './database';
import { LATEST_VERSION } from './migrations';

function fileBytes(file: string): Buffer {
  return fs.readFileSync(file);
}

describe('openDatabase', () => {
  it('creates the folder and file, with WAL and foreign keys on', () => {
    const file = path.join(tempDir(), 'nested', 'spillover.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('opens its own database again without changes to the schema', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database from a newer Spillover and leaves its bytes untouched', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const db = openDatabase(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE'); // a plain file, so any write would show in its bytes
    db.close();
    const before = fileBytes(file);
    const err = (() => {
      try {
        openDatabase(file);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DatabaseRefusedError);
    expect((err as DatabaseRefusedError).reason).toBe('newer');
    expect((err as Error).message).toMatch(/newer Spillover/);
    expect(fileBytes(file).equals(before)).toBe(true);
    expect(() => checkDatabaseFile(file)).toThrow(/newer Spillover/);
    expect(fileBytes(file).equals(before)).toBe(true);
  });

  it("refuses another application's SQLite file", () => {
    const file = path.join(tempDir(), 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY)');
    other.close();
    const before = fileBytes(file);
    expect(() => openDatabase(file)).toThrow(/another application/);
    expect(fileBytes(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database, with advice', () => {
    const file = path.join(tempDir(), 'spillover.sqlite');
    fs.writeFileSync(file, 'Name;E-Mail\nJana;jana@example.org\n');
    expect(() => openDatabase(file)).toThrow(/could not be read as a SQLite database.*--data-dir/s);
    expect(fs.readFileSync(file, 'utf8')).toContain('Jana');
  });
});

describe('checkDatabaseFile', () => {
  it('reports ok for a healthy database and does not create a missing one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'spillover.sqlite');
    expect(() => checkDatabaseFile(file)).toThrow(/no Spillover database/);
    expect(fs.existsSync(file)).toBe(false);
    openDatabase(file).close();
    const report = checkDatabaseFile(file);
    expect(report).toMatchObject({ ok: true, schemaVersion: LATEST_VERSION, integrity: ['ok'], foreignKeyViolations: [] });
  });

  it('finds foreign-key violations', () => {
    const file = path.join(tempDir(), 'spillover.sqlite');
    const db = openDatabase(file);
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO person_organisations (person_id, organisation_id) VALUES (99, 98)').run();
    db.close();
    const report = checkDatabaseFile(file);
    expect(report.ok).toBe(false);
    expect(report.foreignKeyViolations.length).toBeGreaterThan(0);
  });
});
