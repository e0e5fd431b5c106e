/**
 * Starts `spillover serve` (the browser shell) as a child process and reads its address. Shared by the
 * Playwright fixture (e2e/fixtures.ts) and the benchmark (bench/run.ts). Needs `npm run build` first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const CLI = path.join(REPO_ROOT, 'bin', 'spillover.mjs');

export interface AppAddress {
  /** What the user opens: base URL plus `#token=…`. */
  url: string;
  /** `http://127.0.0.1:<port>/` */
  baseUrl: string;
  token: string;
}

const URL_LINE = /Spillover is running at (http:\/\/127\.0\.0\.1:\d+\/)#token=([A-Za-z0-9_-]+)/;

/** Reads the address out of the line `spillover serve` prints; null if the text holds none. */
export function parseAppUrl(text: string): AppAddress | null {
  const match = URL_LINE.exec(text);
  const baseUrl = match?.[1];
  const token = match?.[2];
  if (baseUrl === undefined || token === undefined) return null;
  return { url: `${baseUrl}#token=${token}`, baseUrl, token };
}

export interface RunningServer extends AppAddress {
  dataDir: string;
  process: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Stops the server (SIGTERM, SIGKILL after a grace period) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** How long to wait for the address line; default 20 s. */
  timeoutMs?: number;
}

function waitForExit(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Spawns `node bin/spillover.mjs serve --data-dir <dir> --no-open --port 0` and waits for its address. */
export function startServer(options: StartOptions): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', options.dataDir, '--no-open', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  return new Promise<RunningServer>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      cleanup();
      void waitForExit(child, 2_000).then(() => reject(new Error(`${why}\n--- stderr of spillover serve ---\n${stderr}`)));
    };
    const timer = setTimeout(() => fail(`spillover serve printed no address within ${timeoutMs} ms.`), timeoutMs);
    const onData = (chunk: string): void => {
      stdout += chunk;
      const address = parseAppUrl(stdout);
      if (!address || settled) return;
      settled = true;
      cleanup();
      resolve({
        ...address,
        dataDir: options.dataDir,
        process: child,
        stderr: () => stderr,
        stop: () => waitForExit(child, 5_000),
      });
    };
    // 'close' comes after the output streams have ended, so stderr is complete by then.
    const onClose = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`spillover serve exited (code ${String(code)}, signal ${String(signal)}) before printing its address.`);
    const onError = (err: Error): void => fail(`Could not start spillover serve: ${err.message}`);
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('close', onClose);
      child.off('error', onError);
    }
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', onData);
    child.once('close', onClose);
    child.once('error', onError);
  });
}

/** A fresh, empty temporary folder; the caller removes it with removeDir(). */
export function makeTempDir(prefix = 'spillover-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Loads the demo cluster into `dataDir` through the CLI (`spillover demo`), synchronously. */
export function seedDemo(dataDir: string): void {
  const result = spawnSync(process.execPath, [CLI, 'demo', '--data-dir', dataDir], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`spillover demo failed (exit ${String(result.status)}):\n${result.stderr}${result.stdout}`);
  }
}
