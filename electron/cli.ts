/**
 * The `spillover` command line. Every command takes --data-dir (or SPILLOVER_DATA_DIR) and works on the
 * same database as the app. Exit codes: 0 all well, 1 the command ran but found a problem, 2 bad usage or a
 * database Spillover refuses to touch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { suggestMapping } from '../shared/contacts/mapping';
import { parseQuery, type QueryProblem } from '../shared/contacts/query';
import type { AudienceOptions, RuleInput } from '../shared/segments/schemas';
import type { Db } from './db/database';
import { APP_VERSION, defaultDataDir, startBackend } from './app';
import { checkDatabaseFile, DatabaseRefusedError } from './db/database';
import { openAppInBrowser } from './external';
import { databaseFile } from './paths';
import { defaultRendererDir, rendererIsBuilt } from './renderer-assets';
import { startBrowserShell, type BrowserShell } from './server/browser-shell';
import { exportContacts, type ExportFormat } from './exports/contacts';
import { analyseImport, applyImport, undoImport, UndoError, type ImportSettings } from './imports/importer';
import { ImportReadError, readSource, type ReadOptions, type SourceTable } from './imports/read';
import { contactIds, contactRowsByIds } from './services/contacts';
import { checkQueryText } from './services/rules';
import { audienceOf } from './services/audience';
import { countAudience, listSegments, resolveTarget, saveSegment } from './services/segments';
import { listTemplates, nameFromFile, saveTemplate } from './services/templates';
import { MESSAGE_KINDS, MESSAGE_LANGUAGES } from '../shared/newsletters/schemas';
import { SegmentSave } from '../shared/segments/schemas';
import { ApiError } from '../shared/api';
import { clearData, isEmpty, loadDemo } from './services/demo';
import { readSettings } from './services/settings';
import { newsletterCommand, renderCommand } from './render-cli';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const HELP = `Spillover ${APP_VERSION} — newsletter and dissemination planner for clusters and networks

Usage: spillover <command> [options]

Commands:
  serve [--port N] [--no-open]   Serve the app in your browser on 127.0.0.1 and print its address
  demo [--replace]               Load the demo cluster into an empty database
                                 (--replace: clear the database first; a backup is written)
  db check                       Check integrity, foreign keys and schema version (exit 0 when all is well)
  import <file> [--source TEXT] [--consent newsletter|mailing --wording V] [--on-duplicate skip|fill|overwrite]
         [--delimiter C] [--encoding utf-8|windows-1252] [--sheet NAME] [--dry-run]
                                 Import persons from CSV, XLSX or vCard; prints the report with row numbers
  imports [undo <id>]            List imports, or undo one exactly
  export <out-file> [--format csv|xlsx|vcf] [--semicolon] [--query Q]
                                 Export persons (one row each, with organisation, country and e-mail)
  contacts count [--query Q]     Count the persons a search matches (the number is the last line)
  segment list                   List saved segments with their last count
  segment count <name> | --query Q [--purpose newsletter|mailing] [--one-per-org]
                                 Count an audience: matched, excluded with reasons, recipients (last line)
  segment members <name> | --query Q [--purpose P] [--one-per-org] [--format csv]
                                 List the recipients of an audience
  segment save <name> --query Q [--description D] [--purpose P] [--one-per-org]
                                 Save (or update) a segment defined by a search
  newsletter list                List newsletters and mailings (id, kind, status, languages, items, audience)
  render <issue-id> --contact <email> --out <file.eml|.html>
                                 Render one person's message as the app would send it
  render <issue-id> --query Q --out <dir>
                                 One .eml per recipient of the issue's audience narrowed by Q
  template list                  List the MJML templates (id, kind, language, starter, name)
  template import <file.mjml> [--kind newsletter|mailing] [--language de|en]
                                 Store an MJML template; its problems are printed with their lines
                                 (exit 1 when it has errors; it is stored anyway, so nothing is lost)

Search syntax (--query): words match names, e-mail and organisations; filters like kind:startup funded:no
  member:yes country:DE topic:"Additive Fertigung" interest:foreign_markets lang:en key:yes
  consent:newsletter status:active tag:Messe project:H2TANK-SG verified:<2025-01-01 employees:>=50
  received:Leichtbau>=2026-01-01 segment:"Alle Mitglieder"; terms AND by default, OR, -term or NOT for
  negation, (parentheses) to group, "quotes" for values with spaces.

Options for every command:
  --data-dir D                   Folder with the database (default: ${defaultDataDir()},
                                 or SPILLOVER_DATA_DIR)
  -h, --help                     Show this help
  -v, --version                  Show the version
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  'no-open': { type: 'boolean' },
  replace: { type: 'boolean' },
  source: { type: 'string' },
  consent: { type: 'string' },
  wording: { type: 'string' },
  'on-duplicate': { type: 'string' },
  delimiter: { type: 'string' },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
  semicolon: { type: 'boolean' },
  query: { type: 'string' },
  purpose: { type: 'string' },
  'one-per-org': { type: 'boolean' },
  description: { type: 'string' },
  contact: { type: 'string' },
  out: { type: 'string' },
  kind: { type: 'string' },
  language: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = Partial<Record<'source' | 'consent' | 'wording' | 'on-duplicate' | 'delimiter' | 'encoding' | 'sheet' | 'format' | 'query' | 'purpose' | 'description' | 'kind' | 'language', string>> &
  Partial<Record<'dry-run' | 'semicolon' | 'one-per-org', boolean>>;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

async function importCommand(args: string[], values: Values, dataDir: string | undefined, io: CliIo): Promise<number> {
  const [file] = args;
  if (!file) throw new UsageError('Name the file to import: spillover import <file>');
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    io.err(`Error: cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const consentPurpose = oneOf('consent', values.consent, ['newsletter', 'mailing'] as const);
  if (consentPurpose && !values.wording) throw new UsageError('--consent needs --wording: the version of the consent text the people agreed to.');
  const options: ReadOptions = {};
  const delimiter = values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter;
  const d = oneOf('delimiter', delimiter, [',', ';', '\t', '|'] as const);
  if (d) options.delimiter = d;
  const e = oneOf('encoding', values.encoding, ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const);
  if (e) options.encoding = e;
  if (values.sheet) options.sheet = values.sheet;
  let table: SourceTable;
  try {
    table = await readSource(path.basename(file), bytes, options);
  } catch (err) {
    if (err instanceof ImportReadError) {
      io.err(`Error: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const { mapping, shape } = suggestMapping(table.columns);
    const settings: ImportSettings = {
      fileName: path.basename(file),
      mapping,
      onDuplicate: oneOf('on-duplicate', values['on-duplicate'], ['skip', 'fill', 'overwrite'] as const) ?? 'skip',
      source: values.source ?? `Import ${path.basename(file)} ${new Date().toISOString().slice(0, 10)}`,
      consent: consentPurpose ? { purpose: consentPurpose, wordingVersion: values.wording ?? '' } : undefined,
    };
    io.out(`Read ${path.basename(file)}: ${table.format.toUpperCase()}${table.encoding ? `, ${table.encoding}` : ''}${table.delimiter ? `, delimiter ${JSON.stringify(table.delimiter)}` : ''}, ${table.rows.length} rows, recognised as ${shape}.`);
    io.out(`Columns: ${table.columns.map((c, i) => `${c} → ${mapping[i] ?? '(ignored)'}`).join(', ')}`);
    for (const w of table.warnings.slice(0, 20)) io.out(`Warning${w.line !== null ? ` (row ${w.line})` : ''}: ${w.message}`);
    if (!mapping.some((f) => f === 'email' || f === 'lastName' || f === 'fullName')) {
      io.err('Error: no column could be recognised as e-mail or name, so no person can be imported. Rename the header (e.g. "E-Mail", "Nachname").');
      return 1;
    }
    const report = analyseImport(backend.db, table, settings, readSettings(backend.db).sizeThresholds);
    for (const o of report.outcomes) {
      if (o.action === 'invalid') io.out(`Row ${o.line}: invalid — ${o.issues.map((i) => `${i.code} ${JSON.stringify(i.value)}`).join('; ')}`);
      else if (o.issues.length > 0) io.out(`Row ${o.line}: ${o.issues.map((i) => `${i.code} ${JSON.stringify(i.value)}`).join('; ')}`);
      if (o.action === 'update' || o.action === 'skip') {
        io.out(`Row ${o.line}: duplicate of ${o.match.kind === 'file' ? `row ${o.match.firstLine}` : `${o.match.label} (id ${o.match.personId})`} by ${o.match.by} — ${o.action === 'skip' ? 'skipped' : settings.onDuplicate}`);
      }
    }
    if (values['dry-run']) {
      io.out(`Dry run, nothing changed: would create ${report.create}, update ${report.update}, skip ${report.skip}; invalid ${report.invalid}; suppressed ${report.suppressed}.`);
      return report.create + report.update === 0 && report.rows > 0 ? 1 : 0;
    }
    const result = applyImport(backend.db, report, settings, table.format);
    io.out(`Import ${result.importId}: created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, invalid ${result.invalid}; ${result.organisationsCreated} new organisations. Undo with: spillover imports undo ${result.importId}`);
    return result.created + result.updated === 0 && report.rows > 0 ? 1 : 0;
  } finally {
    backend.close();
  }
}

function importsCommand(args: string[], dataDir: string | undefined, io: CliIo): number {
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    if (args[0] === 'undo') {
      const id = Number(args[1]);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('Say which import: spillover imports undo <id>');
      try {
        const r = undoImport(backend.db, id);
        io.out(`Undid import ${id}: removed ${r.deleted} records it created, restored ${r.restored} it changed.`);
        return 0;
      } catch (err) {
        if (err instanceof UndoError) {
          io.err(`Error: ${err.message}`);
          return 1;
        }
        throw err;
      }
    }
    if (args.length > 0) throw new UsageError(`Unknown imports command "${args[0] ?? ''}". Try: spillover imports, spillover imports undo <id>`);
    const rows = backend.db.prepare('SELECT id, at, file_name AS f, source, summary, undone_at AS u FROM imports ORDER BY id').all() as { id: number; at: string; f: string; source: string | null; summary: string; u: string | null }[];
    if (rows.length === 0) io.out('No imports yet.');
    for (const r of rows) io.out(`${r.id}\t${r.at.slice(0, 16).replace('T', ' ')}\t${r.f}\t${r.source ?? ''}\t${r.summary}${r.u ? `\tundone ${r.u.slice(0, 16)}` : ''}`);
    return 0;
  } finally {
    backend.close();
  }
}

async function exportCommand(args: string[], values: Values, dataDir: string | undefined, io: CliIo): Promise<number> {
  const [out] = args;
  if (!out) throw new UsageError('Name the file to write: spillover export <out-file>');
  const ext = path.extname(out).toLowerCase().replace('.', '');
  const base = oneOf('format', values.format ?? (ext === 'vcf' || ext === 'xlsx' ? ext : 'csv'), ['csv', 'xlsx', 'vcf'] as const) ?? 'csv';
  const format: ExportFormat = base === 'csv' && values.semicolon ? 'csv-semicolon' : base;
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    if (!queryIsUsable(backend.db, values.query ?? '', io)) return 2;
    const ids = contactIds(backend.db, values.query ?? '');
    const bytes = await exportContacts(backend.db, ids, format);
    fs.writeFileSync(out, bytes);
    io.out(`Exported ${ids.length} persons to ${out} (${format}).`);
    return 0;
  } finally {
    backend.close();
  }
}

/** Shows where a query goes wrong: the message, then the query with a caret under the bad part. */
function printQueryProblem(query: string, p: Pick<QueryProblem, 'message'> & { start?: number | undefined; end?: number | undefined }, io: CliIo): void {
  io.err(`Error in --query: ${p.message}`);
  if (p.start !== undefined && p.end !== undefined) {
    io.err(`  ${query}`);
    io.err(`  ${' '.repeat(p.start)}${'^'.repeat(Math.max(1, p.end - p.start))}`);
  }
}

/** Malformed queries stop the command (exit 2); references to missing topics, tags or segments only warn. */
function queryIsUsable(db: Db, query: string, io: CliIo, warn = true): boolean {
  const { problems } = parseQuery(query);
  for (const p of problems) printQueryProblem(query, p, io);
  if (problems.length > 0) return false;
  if (warn) for (const p of checkQueryText(db, query).allProblems) io.err(`Warning: ${p.message}`);
  return true;
}

function contactsCommand(args: string[], values: Values, dataDir: string | undefined, io: CliIo): number {
  const [sub] = args;
  if (sub !== 'count') throw new UsageError(`Unknown contacts command "${sub ?? ''}". Try: spillover contacts count [--query Q]`);
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const query = values.query ?? '';
    if (!queryIsUsable(backend.db, query, io)) return 2;
    const checked = checkQueryText(backend.db, query);
    const row = backend.db.prepare(`SELECT count(*) AS n FROM persons p WHERE p.status <> 'erased' AND (${checked.sql})`).get(...checked.params) as { n: number };
    io.out(String(row.n));
    return 0;
  } finally {
    backend.close();
  }
}

const REASON_TEXT = { no_email: 'no e-mail', unsubscribed: 'unsubscribed', bounced: 'bounced', suppressed: 'suppressed', no_consent: 'no consent' } as const;

function csvCell(v: string | null): string {
  const s = v ?? '';
  // Same neutralising rule as the contact export: a leading = + - @ must not become a formula in Excel.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function segmentCommand(args: string[], values: Values, dataDir: string | undefined, io: CliIo): number {
  const [sub, name] = args;
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const db = backend.db;
    const options: AudienceOptions = {
      purpose: oneOf('purpose', values.purpose, ['newsletter', 'mailing'] as const) ?? 'newsletter',
      onePerOrg: values['one-per-org'] === true,
    };
    const target = (): RuleInput | undefined => {
      if (values.query !== undefined) return queryIsUsable(db, values.query, io) ? { query: values.query } : undefined;
      if (!name) throw new UsageError(`Name a saved segment or give --query: spillover segment ${sub ?? ''} <name> | --query Q`);
      const row = db.prepare('SELECT id, purpose, one_per_org FROM segments WHERE name = ? COLLATE NOCASE').get(name) as
        | { id: number; purpose: 'newsletter' | 'mailing'; one_per_org: number }
        | undefined;
      if (!row) {
        io.err(`Error: there is no segment named "${name}". See: spillover segment list`);
        return undefined;
      }
      // A saved segment brings its own purpose and one-per-organisation choice unless the command overrides them.
      if (values.purpose === undefined) options.purpose = row.purpose;
      if (values['one-per-org'] === undefined) options.onePerOrg = row.one_per_org === 1;
      return { segmentId: row.id };
    };
    switch (sub) {
      case 'list': {
        const rows = listSegments(db);
        if (rows.length === 0) io.out('No saved segments yet. Save one with: spillover segment save <name> --query Q');
        for (const r of rows) {
          const count = r.lastCount === null ? '–' : String(r.lastCount);
          const what = r.kind === 'static' ? `hand-picked list of ${r.members ?? 0}` : r.query || '(everyone)';
          io.out(`${r.name}\t${count}\t${r.countedAt?.slice(0, 10) ?? ''}\t${what}${r.problems.length ? `\t⚠ ${r.problems.map((p) => p.message).join(' ')}` : ''}`);
        }
        io.out(String(rows.length));
        return 0;
      }
      case 'count': {
        const t = target();
        if (!t) return 2;
        const c = countAudience(db, t, options, 0);
        // Problems with --query were shown already; a saved segment's are shown here.
        if ('segmentId' in t) for (const p of c.problems) io.err(`Warning: ${p.message}`);
        io.out(`Matched: ${c.matched}`);
        const reasons = Object.entries(c.excluded.byReason)
          .filter(([, n]) => n > 0)
          .map(([r, n]) => `${REASON_TEXT[r as keyof typeof REASON_TEXT]} ${n}`);
        io.out(`Excluded: ${c.excluded.total}${reasons.length ? ` (${reasons.join(', ')})` : ''}`);
        if (options.onePerOrg) io.out(`Organisations reached: ${c.organisations.reached}; with nobody reachable: ${c.organisations.nobodyReachable}`);
        io.out(`Recipients (${options.purpose}${options.onePerOrg ? ', one per organisation' : ''}):`);
        io.out(String(c.audience));
        return 0;
      }
      case 'members': {
        const t = target();
        if (!t) return 2;
        const format = oneOf('format', values.format, ['text', 'csv'] as const) ?? 'text';
        const checked = resolveTarget(db, t);
        const a = audienceOf(db, checked.rule, checked.ctx, options);
        const rows = a.ids.length === 0 ? [] : contactRowsByIds(db, a.ids);
        if (format === 'csv') {
          io.out(['email', 'salutation', 'title', 'first_name', 'last_name', 'organisation', 'country', 'language', 'key_contact'].join(';'));
          for (const r of rows) {
            io.out([r.email, r.salutation, r.title, r.firstName, r.lastName, r.organisation, r.country, r.language, r.keyContact ? 'yes' : 'no'].map(csvCell).join(';'));
          }
        } else {
          for (const r of rows) io.out(`${[r.title, r.firstName, r.lastName].filter(Boolean).join(' ')} <${r.email ?? ''}>${r.organisation ? ` — ${r.organisation}` : ''}`);
          io.out(String(rows.length));
        }
        return 0;
      }
      case 'save': {
        if (!name) throw new UsageError('Name the segment: spillover segment save <name> --query Q');
        if (values.query === undefined) throw new UsageError('Give the rule: spillover segment save <name> --query Q');
        // Reference warnings wait for saveSegment, which knows the segment being saved (cycles).
        if (!queryIsUsable(db, values.query, io, false)) return 2;
        const existing = db.prepare('SELECT id, description FROM segments WHERE name = ? COLLATE NOCASE').get(name) as { id: number; description: string | null } | undefined;
        try {
          const saved = saveSegment(
            db,
            SegmentSave.parse({
              ...(existing ? { id: existing.id } : {}),
              name,
              description: values.description ?? existing?.description ?? null,
              kind: 'dynamic',
              query: values.query,
              onePerOrg: options.onePerOrg,
              purpose: options.purpose,
            }),
          );
          io.out(`${existing ? 'Updated' : 'Saved'} segment "${saved.name}": ${saved.query || '(everyone)'}`);
          io.out(String(saved.lastCount ?? 0));
          return 0;
        } catch (err) {
          if (err instanceof ApiError) {
            io.err(`Error: ${err.message}`);
            return 1;
          }
          throw err;
        }
      }
      default:
        throw new UsageError(`Unknown segment command "${sub ?? ''}". Try: spillover segment list | count | members | save`);
    }
  } finally {
    backend.close();
  }
}

export interface ServeHandle {
  shell: BrowserShell;
  stop(): Promise<void>;
}

/** Starts the browser shell; kept apart from argument parsing so `npm start`'s fallback can reuse it. */
export async function serve(opts: { dataDir?: string | undefined; port?: number; open: boolean; io: CliIo }): Promise<ServeHandle> {
  const rendererDir = defaultRendererDir();
  if (!rendererIsBuilt(rendererDir)) {
    throw new UsageError(`The app is not built yet (${rendererDir} is missing). Run \`npm run build\` first.`);
  }
  const backend = startBackend({ dataDir: opts.dataDir, shell: 'browser' });
  if (backend.seededDemo) opts.io.err('First start: loaded the demo cluster (clear it in Einstellungen / Settings).');
  const shell = await startBrowserShell({ table: backend.table, rendererDir, ...(opts.port !== undefined ? { port: opts.port } : {}) });
  opts.io.out(`Spillover is running at ${shell.appUrl}`);
  if (opts.open) openAppInBrowser(shell.appUrl);
  return {
    shell,
    stop: async () => {
      await shell.close();
      backend.close();
    },
  };
}

class UsageError extends Error {}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}".`);
  return port;
}

async function templateCommand(args: string[], values: Values, dataDir: string | undefined, io: CliIo): Promise<number> {
  const [sub, file] = args;
  if (sub !== 'list' && sub !== 'import') throw new UsageError(`Unknown template command "${sub ?? ''}". Try: spillover template list | import <file.mjml>`);
  if (sub === 'import' && !file) throw new UsageError('Name the file to import: spillover template import <file.mjml>');
  const kind = oneOf('kind', values.kind, MESSAGE_KINDS) ?? 'newsletter';
  const language = oneOf('language', values.language, MESSAGE_LANGUAGES) ?? 'de';
  let mjml = '';
  if (file) {
    try {
      mjml = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      io.err(`Error: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return 2;
    }
    if (mjml.trim() === '') {
      io.err(`Error: ${file} is empty; an MJML template starts with <mjml>.`);
      return 2;
    }
  }
  const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    if (sub === 'list') {
      const rows = listTemplates(backend.db);
      for (const r of rows) io.out(`${r.id}\t${r.kind}\t${r.language}\t${r.starter ? 'starter' : ''}\t${r.name}`);
      io.out(String(rows.length));
      return 0;
    }
    const t = await saveTemplate(backend.db, { name: nameFromFile(file ?? ''), kind, language, mjml });
    for (const p of t.problems) io.err(`${file ?? ''}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    const errors = t.problems.filter((p) => p.severity === 'error').length;
    io.out(`Stored template ${t.id} "${t.name}" (${kind}, ${language})${errors ? ` with ${errors} error${errors === 1 ? '' : 's'} to fix` : ''}.`);
    return errors > 0 ? 1 : 0;
  } finally {
    backend.close();
  }
}

/** Runs one command. For `serve`, resolves once the server listens and returns its handle. */
export async function runCli(argv: string[], io: CliIo): Promise<{ code: number; serving?: ServeHandle }> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.version) {
      io.out(APP_VERSION);
      return { code: 0 };
    }
    const [command, sub] = positionals;
    if (values.help || command === undefined || command === 'help') {
      io.out(HELP);
      return { code: command === undefined && !values.help ? 2 : 0 };
    }
    const dataDir = values['data-dir'];
    switch (command) {
      case 'serve': {
        const serving = await serve({ dataDir, port: parsePort(values.port), open: !values['no-open'], io });
        return { code: 0, serving };
      }
      case 'demo': {
        const backend = startBackend({ dataDir, shell: 'cli', seedDemo: false });
        try {
          if (!isEmpty(backend.db)) {
            if (!values.replace) {
              io.err(`${backend.databaseFile} already holds organisations or persons. Use --replace to clear it first (a backup is written), or choose another --data-dir.`);
              return { code: 1 };
            }
            const { backupFile } = clearData(backend.db, backend.dataDir);
            io.out(`Backup of the previous data: ${backupFile}`);
          }
          const summary = loadDemo(backend.db);
          io.out(`Loaded the demo cluster into ${backend.databaseFile}: ${summary.organisations} organisations, ${summary.persons} persons, ${summary.projects} R&D projects.`);
          return { code: 0 };
        } finally {
          backend.close();
        }
      }
      case 'db': {
        if (sub !== 'check') throw new UsageError(`Unknown db command "${sub ?? ''}". Try: spillover db check`);
        const file = databaseFile(dataDir ?? defaultDataDir());
        const report = checkDatabaseFile(file);
        io.out(`Database: ${file}`);
        io.out(`Schema version: ${report.schemaVersion} (this Spillover: ${report.latestVersion})`);
        io.out(`Integrity: ${report.integrity.join('; ')}`);
        io.out(`Foreign keys: ${report.foreignKeyViolations.length === 0 ? 'ok' : `${report.foreignKeyViolations.length} violations`}`);
        for (const v of report.foreignKeyViolations.slice(0, 20)) io.out(`  ${v.table} row ${String(v.rowid)} → ${v.parent}`);
        if (report.schemaVersion < report.latestVersion) io.out('The schema is older than this Spillover; it is upgraded when Spillover next opens it.');
        io.out(report.ok ? 'All checks passed.' : 'Problems found.');
        return { code: report.ok ? 0 : 1 };
      }
      case 'import':
        return { code: await importCommand(positionals.slice(1), values, dataDir, io) };
      case 'imports':
        return { code: importsCommand(positionals.slice(1), dataDir, io) };
      case 'export':
        return { code: await exportCommand(positionals.slice(1), values, dataDir, io) };
      case 'contacts':
        return { code: contactsCommand(positionals.slice(1), values, dataDir, io) };
      case 'segment':
      case 'segments':
        return { code: segmentCommand(positionals.slice(1), values, dataDir, io) };
      case 'newsletter':
      case 'newsletters':
        return { code: newsletterCommand(positionals.slice(1), dataDir, io) };
      case 'render':
        return { code: await renderCommand(positionals.slice(1), values, dataDir, io) };
      case 'template':
      case 'templates':
        return { code: await templateCommand(positionals.slice(1), values, dataDir, io) };
      default:
        throw new UsageError(`Unknown command "${command}". Run \`spillover --help\` for the list.`);
    }
  } catch (err) {
    if (err instanceof DatabaseRefusedError) {
      io.err(`Error: ${err.message}`);
      return { code: 2 };
    }
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`Error: ${err.message}`);
      return { code: 2 };
    }
    throw err;
  }
}

/** Entry when run as a program (bin/spillover.mjs). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  // `spillover segment members … | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const io: CliIo = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
  const { code, serving } = await runCli(argv, io);
  if (serving) {
    const stop = (): void => {
      void serving.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  process.exitCode = code;
}
