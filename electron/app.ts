/**
 * Starting the Node side once, the same way for Electron, the browser shell and the CLI: resolve the data
 * folder, open and migrate the database, seed the demo cluster on the very first start, build the handlers.
 */
import os from 'node:os';
import { version } from '../package.json';
import { openDatabase, type Db } from './db/database';
import { databaseFile, resolveDataDir } from './paths';
import { createHandlerTable, type HandlerTable, type ServiceContext } from './services';
import { loadDemoOnFirstStart } from './services/demo';

export const APP_VERSION: string = version;

export interface StartOptions {
  dataDir?: string | undefined;
  shell: ServiceContext['shell'];
  nativeBinding?: string | undefined;
  /** Whether an empty first-start database gets the demo cluster (not for `db check`). */
  seedDemo?: boolean;
}

export interface Started {
  db: Db;
  table: HandlerTable;
  dataDir: string;
  databaseFile: string;
  seededDemo: boolean;
  close(): void;
}

export function defaultDataDir(flag?: string): string {
  return resolveDataDir({ flag, env: process.env, platform: process.platform, home: os.homedir() });
}

export function startBackend(options: StartOptions): Started {
  const dataDir = options.dataDir ?? defaultDataDir();
  const file = databaseFile(dataDir);
  const db = openDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const seededDemo = options.seedDemo === false ? false : loadDemoOnFirstStart(db);
  const table = createHandlerTable({ db, dataDir, databaseFile: file, shell: options.shell, version: APP_VERSION, nativeBinding: options.nativeBinding });
  return { db, table, dataDir, databaseFile: file, seededDemo, close: () => db.close() };
}
