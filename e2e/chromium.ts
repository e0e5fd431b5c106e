/**
 * Chromium launch options for playwright.config.ts, from scripts/chromium.mjs (the one place that knows
 * where Chromium is). Playwright's config loader cannot import that .mjs file (it rewrites it into
 * CommonJS, which Node ≥ 20.19 then refuses to run as the ES module it is), so we ask the script itself.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface ChromiumLaunch {
  /** undefined: let Playwright use its own download. */
  executablePath: string | undefined;
  args: string[];
}

const SCRIPT = path.resolve(__dirname, '..', 'scripts', 'chromium.mjs');

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function chromiumLaunch(): ChromiumLaunch {
  const raw: unknown = JSON.parse(execFileSync(process.execPath, [SCRIPT, '--json'], { encoding: 'utf8' }));
  if (typeof raw !== 'object' || raw === null || !('executablePath' in raw) || !('args' in raw) || !isStringArray(raw.args)) {
    throw new Error(`Unexpected output from ${SCRIPT} --json: ${JSON.stringify(raw)}`);
  }
  const { executablePath } = raw;
  return { executablePath: typeof executablePath === 'string' ? executablePath : undefined, args: raw.args };
}
