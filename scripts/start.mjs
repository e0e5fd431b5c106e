#!/usr/bin/env node
// `npm start`: the Electron app where its runtime is installed; otherwise — as on machines without internet
// access, where the runtime binary cannot be downloaded — one line saying so, then the same UI and the
// same database through the browser shell. Arguments after `npm start --` go to either (e.g. --data-dir D).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);

/** The electron package exports the binary's path, and throws when the binary was never downloaded. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function fallback(reason) {
  console.log(`${reason}: serving Spillover in your browser instead (same UI, same database).`);
  const cli = path.join(root, 'dist/electron/cli.js');
  if (!existsSync(cli)) {
    console.error('Spillover is not built yet: run `npm run build` first.');
    process.exit(2);
  }
  return require(cli).main(['serve', ...args]);
}

const binary = electronBinary();
if (!binary) {
  await fallback('The Electron runtime is not installed (run `npm run electron:fetch` with internet access to get it)');
} else {
  // Electron loads its own build of better-sqlite3; fetch it once (a no-op when present).
  const native = spawnSync(process.execPath, [path.join(root, 'scripts/electron-native.mjs')], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (native.status !== 0) {
    await fallback(`Electron's SQLite module is missing (${String(native.stderr).trim().split('\n').pop()})`);
  } else {
    const child = spawn(binary, [root, ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
