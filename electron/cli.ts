/**
 * The `spillover` command line. Every command takes --data-dir (or SPILLOVER_DATA_DIR) and works on the
 * same database as the app. Exit codes: 0 all well, 1 the command ran but found a problem, 2 bad usage or a
 * database Spillover refuses to touch.
 */
import { parseArgs } from 'node:util';
import { APP_VERSION, defaultDataDir, startBackend } from './app';
import { checkDatabaseFile, DatabaseRefusedError } from './db/database';
import { openAppInBrowser } from './external';
import { databaseFile } from './paths';
import { defaultRendererDir, rendererIsBuilt } from './renderer-assets';
import { startBrowserShell, type BrowserShell } from './server/browser-shell';
import { clearData, isEmpty, loadDemo } from './services/demo';

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
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

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
