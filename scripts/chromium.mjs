// Finds the Chromium that the end-to-end tests and the benchmark drive, in one place.
//
//   import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';
//   node scripts/chromium.mjs --ensure    installs one when none is found, then prints its path
//   node scripts/chromium.mjs --json      prints {"executablePath": string|null, "args": [...]} (for
//                                         playwright.config.ts, whose loader cannot import this file)
//
// Order: $SPILLOVER_CHROMIUM, then chromium / chromium-browser / google-chrome / google-chrome-stable on
// PATH, then Playwright's own download (if `npx playwright install chromium` ever ran), else null.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Launch flags for headless runs in containers and CI; --no-sandbox is only needed as root. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first directory on PATH holding an executable `name` (with PATHEXT on Windows). */
export function which(name, envPath = process.env.PATH ?? '') {
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/** Playwright's bundled Chromium, if playwright-core is installed and its browser was downloaded. */
function playwrightChromium() {
  const require = createRequire(import.meta.url);
  for (const pkg of ['playwright-core', '@playwright/test']) {
    try {
      const file = require(pkg).chromium.executablePath();
      if (typeof file === 'string' && existsSync(file)) return file;
    } catch {
      // not installed, or no browser for this platform
    }
  }
  return null;
}

/** The Chromium executable to use, or null when there is none. */
export function findChromium() {
  const fromEnv = process.env.SPILLOVER_CHROMIUM;
  if (fromEnv) return fromEnv;
  for (const name of PATH_NAMES) {
    const found = which(name);
    if (found) return found;
  }
  return playwrightChromium();
}

function run(command, args) {
  console.error(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

/** Finds Chromium or installs it (apt as root on Debian/Ubuntu, Playwright's download otherwise). */
function ensure() {
  let found = findChromium();
  if (!found) {
    const debianRoot = process.getuid?.() === 0 && existsSync('/etc/debian_version');
    if (debianRoot) {
      if (run('apt-get', ['update'])) run('apt-get', ['install', '-y', 'chromium']);
    } else {
      run('npx', ['playwright', 'install', 'chromium']);
    }
    found = findChromium();
  }
  if (!found) {
    console.error(
      'No Chromium found. Install one of: the `chromium` package (Debian/Ubuntu: apt-get install chromium), ' +
        'Google Chrome, or Playwright\'s browser (npx playwright install chromium) — or set SPILLOVER_CHROMIUM to its path.',
    );
    return 1;
  }
  console.log(`Chromium: ${found}`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--ensure')) {
    process.exitCode = ensure();
  } else if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ executablePath: findChromium(), args: CHROMIUM_ARGS }));
  } else {
    const found = findChromium();
    console.log(found ? `Chromium: ${found}` : 'Chromium: none found (run with --ensure to install one)');
    process.exitCode = found ? 0 : 1;
  }
}
