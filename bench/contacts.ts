/**
 * Contact figures: a 100,000-row member import against the sqlite3 CLI's `.import` of the same file
 * (measured in the same run), and search-box queries on 100,000 persons.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { suggestMapping } from '../shared/contacts/mapping';
import { startBackend } from '../electron/app';
import { analyseImport, applyImport } from '../electron/imports/importer';
import { readSource } from '../electron/imports/read';
import { listContacts } from '../electron/services/contacts';
import { readSettings } from '../electron/services/settings';
import { memberCsv } from './members';

export const ROWS = 100_000;

/** The sqlite3 command-line shell, installed with apt where we may (as CI does for Chromium). */
export function sqlite3Cli(): string {
  const found = spawnSync('sqlite3', ['-version']);
  if (found.status === 0) return 'sqlite3';
  if (process.getuid?.() === 0 && fs.existsSync('/etc/debian_version')) {
    execFileSync('apt-get', ['install', '-y', '-qq', 'sqlite3'], { stdio: 'ignore' });
    return 'sqlite3';
  }
  throw new Error('The sqlite3 command-line shell is needed as the baseline: install it (apt-get install sqlite3).');
}

export interface ImportFigures {
  baselineMs: number;
  /** The same `.import` followed by the search index Spillover keeps (same FTS5 definition), for reference. */
  indexedBaselineMs: number;
  spilloverMs: number;
  dataDir: string;
}

/** Writes the member CSV into `dir`, imports it both ways, and leaves the Spillover database for search. */
export async function importBoth(dir: string): Promise<ImportFigures> {
  const file = path.join(dir, 'members.csv');
  fs.writeFileSync(file, memberCsv(ROWS));
  const cli = sqlite3Cli();
  let t = performance.now();
  // CSV mode with the file's own delimiter, so every column lands in its own field. (`.import --csv`
  // would reset the separator to a comma and load each line as one text value: a lighter baseline.)
  execFileSync(cli, [path.join(dir, 'bare.sqlite'), '-cmd', '.mode csv', '-cmd', '.separator ;', `.import ${file} members`]);
  const baselineMs = performance.now() - t;
  const columns = execFileSync(cli, [path.join(dir, 'bare.sqlite'), 'SELECT count(*) FROM pragma_table_info(\'members\')']).toString().trim();
  if (Number(columns) < 5) throw new Error(`The baseline table has ${columns} column(s); the CSV was not split.`);
  // For reference only (the goal is against the bare table): the same import plus a search index defined
  // as Spillover's (migration 3), over the same words (title, names, e-mail, organisation). Spillover keeps
  // that index up to date inside its import transaction; this shows how much of the gap the index alone is.
  t = performance.now();
  execFileSync(cli, [
    path.join(dir, 'indexed.sqlite'),
    '-cmd',
    '.mode csv',
    '-cmd',
    '.separator ;',
    '-cmd',
    `.import ${file} members`,
    `CREATE VIRTUAL TABLE search USING fts5(text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
     INSERT INTO search (rowid, text) SELECT rowid, "Titel" || ' ' || "Vorname" || ' ' || "Nachname" || ' ' || "E-Mail" || ' ' || "Firma" FROM members;`,
  ]);
  const indexedBaselineMs = performance.now() - t;

  // The demo cluster is there first, so duplicates are checked against a database that holds people.
  const dataDir = path.join(dir, 'data');
  const b = startBackend({ dataDir, shell: 'cli' });
  try {
    t = performance.now();
    const table = await readSource('members.csv', fs.readFileSync(file));
    const { mapping } = suggestMapping(table.columns);
    const settings = { fileName: 'members.csv', mapping, onDuplicate: 'fill' as const, source: 'Benchmark' };
    const report = analyseImport(b.db, table, settings, readSettings(b.db).sizeThresholds);
    const result = applyImport(b.db, report, settings, table.format);
    const spilloverMs = performance.now() - t;
    if (result.created + result.updated !== ROWS) throw new Error(`Imported ${result.created + result.updated} of ${ROWS} rows.`);
    if (result.updated === 0) throw new Error('The member list has duplicates; none were found.');
    return { baselineMs, indexedBaselineMs, spilloverMs, dataDir };
  } finally {
    b.close();
  }
}

/** Queries people type into the search box, with and without filters. */
const QUERIES = ['müll', 'mueller', 'jana', 'firma123', 'jana.muller', 'sch', 'weiß dresden', 'kind:other', 'lang:de key:no mül', 'dr', 'x'];

export function searchMedian(dataDir: string): { medianMs: number; detail: string } {
  const b = startBackend({ dataDir, shell: 'cli' });
  try {
    const times: number[] = [];
    const detail: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of QUERIES) {
        const t = performance.now();
        const r = listContacts(b.db, { query: q, sort: 'name', desc: false, offset: 0, limit: 200 });
        const ms = performance.now() - t;
        times.push(ms);
        if (round === 2) detail.push(`${q}: ${ms.toFixed(1)} ms (${r.total})`);
      }
    }
    times.sort((x, y) => x - y);
    return { medianMs: times[Math.floor(times.length / 2)] ?? 0, detail: detail.join(', ') };
  } finally {
    b.close();
  }
}
