import { Settings, type Settings as SettingsT } from '../../shared/api';
import { EU_SIZE_THRESHOLDS } from '../../shared/domain';
import type { Db } from '../db/database';
import type { HandlerTable } from './registry';

export const DEFAULT_SETTINGS: SettingsT = {
  language: 'system',
  sizeThresholds: EU_SIZE_THRESHOLDS,
  staleAfterMonths: 12,
};

/** Settings are stored one key per row so later issues can add keys without a migration. */
export function readSettings(db: Db): SettingsT {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const r of rows) stored[r.key] = JSON.parse(r.value) as unknown;
  // A value that no longer validates (e.g. written by a test build) falls back to its default.
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SettingsT)[]) {
    const candidate = Settings.shape[key].safeParse(stored[key]);
    if (candidate.success) merged[key] = candidate.data;
  }
  return Settings.parse(merged);
}

export function writeSettings(db: Db, patch: Partial<SettingsT>): SettingsT {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
  return readSettings(db);
}

export function registerSettings(table: HandlerTable): void {
  table
    .register('settings/get', (_input, ctx) => readSettings(ctx.db))
    .register('settings/update', (patch, ctx) => writeSettings(ctx.db, patch));
}
