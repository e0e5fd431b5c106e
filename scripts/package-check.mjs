#!/usr/bin/env node
// Offline packaging smoke test: runs `electron-builder --linux dir` with electron-builder.yml against a stub Electron
// distribution and checks what ends up in resources/app.asar.
//
// The real Electron binary cannot be downloaded everywhere (CI sandboxes, offline machines), but the part worth
// checking, i.e. which files electron-builder.yml lets into the package, does not depend on it. electron-builder
// copies a custom unpacked `electronDist` directory as is and only renames its `electron` executable, so a directory
// holding an executable file named `electron` is enough; the rest of the stub mirrors a real Electron dist layout so
// that electron-builder's post-processing (LICENSE rename) runs as it would for real.
//
// Usage (normally via `npm run package:check`, which builds first): node scripts/package-check.mjs [--keep]
//   --keep  leave the temporary output directory in place and print its path, for inspection.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const keep = process.argv.includes('--keep');
// electron-builder takes ~10 s here; the limit only guards against a hang (e.g. an unexpected download attempt).
const BUILDER_TIMEOUT_MS = 110_000;

/** Thrown instead of exiting on the spot so that the `finally` below still removes the temporary directory. */
class CheckFailure extends Error {}

function fail(message) {
  throw new CheckFailure(message);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** @electron/asar comes with electron-builder; resolve it through app-builder-lib in case it is not hoisted. */
function loadAsar() {
  const attempts = [
    () => requireFromRoot('@electron/asar'),
    () => createRequire(requireFromRoot.resolve('app-builder-lib/package.json'))('@electron/asar'),
    () => {
      const builderDir = path.dirname(requireFromRoot.resolve('electron-builder/package.json'));
      const libDir = path.dirname(createRequire(path.join(builderDir, 'package.json')).resolve('app-builder-lib/package.json'));
      return createRequire(path.join(libDir, 'package.json'))('@electron/asar');
    },
  ];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // try the next location
    }
  }
  fail('@electron/asar (a dependency of electron-builder) is not installed. Run `npm install`.');
}

/** A stand-in for an unpacked Electron release, just enough for electron-builder's linux `dir` target. */
function writeStubElectronDist(dir) {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  // The only file electron-builder requires: it renames `electron` to the executableName on Linux.
  writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stub Electron from scripts/package-check.mjs; not runnable" >&2\nexit 1\n');
  chmodSync(path.join(dir, 'electron'), 0o755);
  // Optional, present in real releases: LICENSE gets renamed to LICENSE.electron.txt.
  writeFileSync(path.join(dir, 'LICENSE'), 'Stub Electron license (package-check).\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stub</title>\n');
  writeFileSync(path.join(dir, 'version'), `${readJson(requireFromRoot.resolve('electron/package.json')).version}\n`);
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
}

function checkBuildOutput() {
  const required = ['dist/electron/main.js', 'dist/electron/preload.js', 'dist/renderer/index.html'];
  const missing = required.filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0) fail(`${missing.join(', ')} missing; run \`npm run build\` first (or use \`npm run package:check\`).`);
}

function runElectronBuilder(stubDir, outDir) {
  const electronVersion = readJson(requireFromRoot.resolve('electron/package.json')).version;
  const cli = requireFromRoot.resolve('electron-builder/cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    '--config',
    'electron-builder.yml',
    `-c.electronDist=${stubDir}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${outDir}`,
    '--publish',
    'never',
  ];
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    timeout: BUILDER_TIMEOUT_MS,
    // No code signing lookups and no update-check noise: this run must not touch the network.
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_BUILDER_DISABLE_UPDATE_CHECK: 'true' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    const log = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (log) console.error(log.split('\n').slice(-40).join('\n'));
    const reason = result.error?.code === 'ETIMEDOUT' ? `timed out after ${BUILDER_TIMEOUT_MS / 1000} s` : (result.error?.message ?? `exited with ${result.status ?? result.signal}`);
    fail(`electron-builder --linux dir ${reason} (log above).`);
  }
  console.log(`electron-builder --linux dir finished in ${seconds} s`);
}

function main() {
  checkBuildOutput();
  const asar = loadAsar();
  const work = mkdtempSync(path.join(os.tmpdir(), 'spillover-package-check-'));
  const failures = [];
  const check = (ok, description, detail) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${description}${!ok && detail ? `: ${detail}` : ''}`);
    if (!ok) failures.push(description);
  };
  try {
    const stubDir = path.join(work, 'electron-dist');
    const outDir = path.join(work, 'out');
    writeStubElectronDist(stubDir);
    runElectronBuilder(stubDir, outDir);

    // `dir` writes <out>/linux-unpacked for x64 and <out>/linux-<arch>-unpacked otherwise.
    const unpackedName = existsSync(outDir) ? readdirSync(outDir).find((name) => /^linux(-\w+)?-unpacked$/.test(name)) : undefined;
    if (!unpackedName) fail(`electron-builder produced no linux-*-unpacked directory in ${outDir}.`);
    const appDir = path.join(outDir, unpackedName);
    const asarFile = path.join(appDir, 'resources', 'app.asar');
    if (!existsSync(asarFile)) fail(`${path.relative(work, asarFile)} was not produced (is asar disabled in electron-builder.yml?).`);

    // Normalise to forward slashes with a leading "/", whatever the host platform.
    const entries = asar.listPackage(asarFile, { isPack: false }).map((entry) => `/${entry.replace(/\\/g, '/').replace(/^\/+/, '')}`);
    const entrySet = new Set(entries);
    const matching = (pattern) => entries.filter((entry) => pattern.test(entry));
    const present = (entry) => check(entrySet.has(entry), `contains ${entry}`);
    const absent = (description, pattern) => {
      const found = matching(pattern);
      check(found.length === 0, `no ${description}`, `found ${found.slice(0, 5).join(', ')}${found.length > 5 ? ` and ${found.length - 5} more` : ''}`);
    };

    const executable = path.join(appDir, 'spillover');
    check(existsSync(executable) && (statSync(executable).mode & 0o111) !== 0, 'executable renamed to spillover');

    present('/package.json');
    const packageJson = JSON.parse(asar.extractFile(asarFile, 'package.json').toString('utf8'));
    const mainEntry = `/${path.posix.normalize(packageJson.main ?? 'index.js')}`;
    check(entrySet.has(mainEntry), `package.json "main" (${packageJson.main}) is packaged`);
    present('/dist/electron/main.js');
    present('/dist/electron/preload.js');
    present('/dist/renderer/index.html');
    check(matching(/^\/dist\/renderer\/assets\/[^/]+\.js$/).length > 0, 'contains /dist/renderer/assets/*.js');
    present('/node_modules/better-sqlite3/package.json');
    present('/node_modules/better-sqlite3/lib/index.js');
    present('/node_modules/better-sqlite3/lib/database.js');
    present('/node_modules/zod/package.json');

    absent('test files (*.test.ts/js)', /\.(test|spec)\.[cm]?[jt]sx?$/);
    absent('source maps of tests', /\.(test|spec)\.[^/]*\.map$/);
    absent('TypeScript sources (*.ts/*.tsx)', /\.[cm]?tsx?$/);
    absent('/e2e/', /^\/e2e(\/|$)/);
    absent('/bench/', /^\/bench(\/|$)/);
    absent('/scripts/', /^\/scripts(\/|$)/);
    absent('/electron/ sources', /^\/electron(\/|$)/);
    absent('/renderer/ sources (renderer/src, renderer/index.html)', /^\/renderer(\/|$)/);
    absent('/shared/ sources', /^\/shared(\/|$)/);
    absent('/build/ resources (icons, native) inside the asar', /^\/build(\/|$)/);
    absent('tsconfig files', /\/tsconfig[^/]*\.json$/);
    absent('.github/.ci folders', /\/\.(github|ci)(\/|$)/);
    absent('docs folder or README.md of the app', /^\/(docs(\/|$)|README\.md$)/);
    absent('better-sqlite3 C sources and SQLite amalgamation', /^\/node_modules\/better-sqlite3\/(src|deps)(\/|$)/);
    absent('better-sqlite3 build intermediates', /^\/node_modules\/better-sqlite3\/build\/(deps|Release\/(obj|obj\.target|\.deps)|Release\/test_extension\.node|.*\.(mk|gypi?|a)$|Makefile$|config\.gypi$)/);

    // The Node-ABI binary cannot load in Electron; the app must get resources/native instead (electron/native.ts).
    const unpackedDir = `${asarFile}.unpacked`;
    const nodeBinaries = [
      ...matching(/\.node$/),
      ...(existsSync(unpackedDir) ? readdirSync(unpackedDir, { recursive: true }).map(String).filter((file) => file.endsWith('.node')) : []),
    ];
    check(nodeBinaries.length === 0, 'no Node-ABI better_sqlite3.node in the app (Electron loads resources/native)', `found ${nodeBinaries.join(', ')}`);

    const devDependencies = Object.keys(readJson(path.join(root, 'package.json')).devDependencies ?? {});
    const devPackaged = devDependencies.filter((name) => entrySet.has(`/node_modules/${name}/package.json`));
    check(devPackaged.length === 0, 'no devDependencies in node_modules (renderer libraries are bundled)', devPackaged.join(', '));

    // build/native only exists after `npm run electron:native` (needs internet), so its absence is not a failure.
    const nativeSource = path.join(root, 'build', 'native');
    const wanted = existsSync(nativeSource) ? readdirSync(nativeSource).filter((file) => file.endsWith('.node')) : [];
    if (wanted.length === 0) {
      console.log('info build/native has no Electron-ABI binary (run `npm run electron:native` online); resources/native not checked');
    } else {
      const shipped = path.join(appDir, 'resources', 'native');
      const missing = wanted.filter((file) => !existsSync(path.join(shipped, file)));
      check(missing.length === 0, `resources/native holds ${wanted.join(', ')}`, `missing ${missing.join(', ')}`);
    }

    const size = statSync(asarFile).size;
    console.log(`info app.asar: ${(size / 1024 / 1024).toFixed(2)} MiB, ${entries.length} entries`);
    if (keep) console.log(`info output kept in ${appDir}`);
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }

  if (failures.length > 0) fail(`${failures.length} check(s) failed: ${failures.join('; ')}`);
  console.log('package:check ok');
}

try {
  main();
} catch (error) {
  if (!(error instanceof CheckFailure)) throw error;
  console.error(`package:check failed: ${error.message}`);
  process.exitCode = 1;
}
