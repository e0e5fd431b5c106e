/**
 * Where the data lives. Electron's userData for an app named "Spillover" is <appData>/Spillover; the
 * browser shell and the CLI compute the same folder so all three open the same database.
 */
import path from 'node:path';
import { DATABASE_FILE_NAME } from './db/database';

export const PRODUCT_NAME = 'Spillover';

export interface DataDirInput {
  /** --data-dir from the command line, if given. */
  flag?: string | undefined;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

/** The OS-standard application-data folder, as Electron's app.getPath('appData') computes it. */
export function appDataDir({ env, platform, home }: Omit<DataDirInput, 'flag'>): string {
  if (platform === 'win32') return env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config');
}

export function resolveDataDir(input: DataDirInput): string {
  const chosen = input.flag ?? input.env.SPILLOVER_DATA_DIR;
  if (chosen !== undefined && chosen.trim() !== '') return path.resolve(chosen);
  const join = input.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(input), PRODUCT_NAME);
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}
