/**
 * Opening the one SQLite file. The order matters: the version is read through a read-only handle first,
 * so a database written by a newer Spillover (or a file that is not ours) is refused before anything —
 * not even the switch to WAL — touches its bytes.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** 'SPIL' as a 32-bit integer in the SQLite header, so other SQLite files are recognised as foreign. */
export const APPLICATION_ID = 0x5350494c;
export const DATABASE_FILE_NAME = 'spillover.sqlite';

export class DatabaseRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: 'newer' | 'foreign' | 'unreadable',
  ) {
    super(message);
    this.name = 'DatabaseRefusedError';
  }
}

export interface OpenOptions {
  /** Path to an Electron-ABI build of better-sqlite3 when running inside Electron. */
  nativeBinding?: string;
  /** Stop at this schema version (migration tests); defaults to the latest. */
  targetVersion?: number;
}

interface Header {
  userVersion: number;
  applicationId: number;
  tableCount: number;
}

function readHeader(file: string, nativeBinding?: string): Header {
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const userVersion = ro.pragma('user_version', { simple: true }) as number;
    const applicationId = ro.pragma('application_id', { simple: true }) as number;
    const tableCount = (ro.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    return { userVersion, applicationId, tableCount };
  } catch (err) {
    throw new DatabaseRefusedError(
      `${file} could not be read as a SQLite database (${(err as Error).message}). ` +
        'Move it aside or point Spillover at another folder with --data-dir.',
      'unreadable',
    );
  } finally {
    ro?.close();
  }
}

export function checkHeader(file: string, header: Header): void {
  if (header.userVersion > LATEST_VERSION) {
    throw new DatabaseRefusedError(
      `${file} has schema version ${header.userVersion}, but this Spillover knows versions up to ${LATEST_VERSION}. ` +
        'It was written by a newer Spillover: update Spillover to open it. The file was not changed.',
      'newer',
    );
  }
  if (header.applicationId !== 0 && header.applicationId !== APPLICATION_ID) {
    throw new DatabaseRefusedError(
      `${file} is a SQLite database of another application (application_id ${header.applicationId}); Spillover will not change it.`,
      'foreign',
    );
  }
  if (header.applicationId === 0 && (header.userVersion !== 0 || header.tableCount > 0)) {
    throw new DatabaseRefusedError(
      `${file} is a SQLite database of another application (it has tables but not Spillover's mark); Spillover will not change it.`,
      'foreign',
    );
  }
}

/** Opens (creating if needed) and migrates the database. Throws DatabaseRefusedError for files we must not touch. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    checkHeader(file, readHeader(file, options.nativeBinding));
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db, options.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies all pending migrations up to `target` in one transaction: all or nothing. */
export function migrate(db: Db, target: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new DatabaseRefusedError(`Schema version ${current} is newer than this Spillover (${LATEST_VERSION}).`, 'newer');
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of pending) {
      db.exec(m.sql);
      // PRAGMA cannot take bound parameters; the version is an integer from our own table.
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

export interface CheckReport {
  ok: boolean;
  schemaVersion: number;
  latestVersion: number;
  integrity: string[];
  foreignKeyViolations: { table: string; rowid: number | null; parent: string }[];
}

/** `db check`: integrity, foreign keys, schema version. */
export function checkDatabase(db: Db): CheckReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  const version = schemaVersion(db);
  return {
    ok: integrity.length === 1 && integrity[0] === 'ok' && fk.length === 0 && version === LATEST_VERSION,
    schemaVersion: version,
    latestVersion: LATEST_VERSION,
    integrity,
    foreignKeyViolations: fk.map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent })),
  };
}

/** `db check` reads without writing: a check must not migrate or otherwise change the file it checks. */
export function checkDatabaseFile(file: string, nativeBinding?: string): CheckReport {
  if (!fs.existsSync(file)) {
    throw new DatabaseRefusedError(`There is no Spillover database at ${file}. Start Spillover or run \`spillover demo\` to create one.`, 'unreadable');
  }
  checkHeader(file, readHeader(file, nativeBinding));
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return checkDatabase(db);
  } finally {
    db.close();
  }
}
