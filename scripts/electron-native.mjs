#!/usr/bin/env node
// Fetches the Electron-ABI prebuilt better-sqlite3 binary into build/native/.
//
// node_modules/better-sqlite3/build/Release keeps the Node-ABI binary used by the tests and the CLI. Electron needs
// one compiled against its own ABI, so instead of rebuilding in place (which would break plain Node) we run
// prebuild-install in a temporary copy of the package and keep only the resulting .node file, under the name that
// electron/native.ts looks for. electron-builder ships build/native as resources/native (extraResources).
//
// Usage: node scripts/electron-native.mjs [--platform <p>] [--arch <a>] [--force] [--verbose] [--print-target]
//   --print-target  print the target as JSON without downloading (used by electron/native.test.ts to check that
//                   the file name here matches electronBindingFileName()).
//   --force         download even when an up-to-date binary is already present.
//   --verbose       show prebuild-install's log when the download fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

/** Thrown instead of exiting on the spot so that `finally` blocks still remove the temporary copy. */
class NativeFailure extends Error {}

function fail(message) {
  throw new NativeFailure(message);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function packageDir(name, from = requireFromRoot) {
  try {
    return path.dirname(from.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

// Must produce exactly what electronBindingFileName() in electron/native.ts produces; native.test.ts checks this
// through --print-target, because a plain .mjs script cannot import the TypeScript module.
function bindingFileName({ modules, platform, arch }) {
  return `better_sqlite3-electron-v${modules}-${platform}-${arch}.node`;
}

// Magic numbers of the executable formats, so that an HTML error page or a truncated download saved as .node is
// caught here rather than as a cryptic dlopen error when the app starts.
const BINARY_MAGIC = {
  linux: [Buffer.from([0x7f, 0x45, 0x4c, 0x46])], // ELF
  win32: [Buffer.from('MZ')], // PE
  darwin: [Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.from([0xca, 0xfe, 0xba, 0xbe])], // Mach-O 64 / fat
};

function looksLikeNativeModule(file, platform) {
  const expected = BINARY_MAGIC[platform];
  if (!expected) return true; // unknown platform: nothing to compare against
  const head = readFileSync(file).subarray(0, 4);
  return expected.some((magic) => head.subarray(0, magic.length).equals(magic));
}

function resolveTarget(options) {
  const electronDir = packageDir('electron');
  if (!electronDir) fail('node_modules/electron is not installed. Run `npm install` first.');
  const electronVersion = readJson(path.join(electronDir, 'package.json')).version;

  // prebuild-install maps the Electron version to an ABI with its own copy of node-abi, so resolve node-abi from
  // there: the file name must carry the same ABI as the binary that is downloaded.
  const prebuildInstallDir = packageDir('prebuild-install', createRequire(path.join(packageDir('better-sqlite3') ?? root, 'package.json')));
  if (!prebuildInstallDir) fail('prebuild-install (a dependency of better-sqlite3) is missing from node_modules. Run `npm install`.');
  let nodeAbi;
  try {
    nodeAbi = createRequire(path.join(prebuildInstallDir, 'package.json'))('node-abi');
  } catch {
    fail('node-abi (a dependency of prebuild-install) is missing from node_modules. Run `npm install`.');
  }
  let modules;
  try {
    modules = String(nodeAbi.getAbi(electronVersion, 'electron'));
  } catch {
    fail(`node-abi does not know the ABI of Electron ${electronVersion}; update it (npm update node-abi) and retry.`);
  }

  // Electron's npm package records its real ABI; disagreeing with node-abi would mean downloading a binary that
  // Electron refuses to load, so stop here instead.
  const abiFile = path.join(electronDir, 'abi_version');
  if (existsSync(abiFile)) {
    const actual = readFileSync(abiFile, 'utf8').trim();
    if (actual !== modules) fail(`node-abi says Electron ${electronVersion} has ABI ${modules} but electron/abi_version says ${actual}; update node-abi.`);
  }

  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  // Same rule as electronBindingFileName(): the values become part of a file name.
  for (const [label, value] of [['platform', platform], ['arch', arch]]) {
    if (!/^[A-Za-z0-9_]+$/.test(value)) fail(`invalid --${label} "${value}" (expected e.g. linux/win32/darwin, x64/arm64).`);
  }
  return { electronVersion, modules, platform, arch, fileName: bindingFileName({ modules, platform, arch }) };
}

function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        platform: { type: 'string' },
        arch: { type: 'string' },
        force: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'print-target': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${error.message}. Usage: node scripts/electron-native.mjs [--platform <p>] [--arch <a>] [--force] [--verbose] [--print-target]`);
  }
  const { values } = parsed;
  const target = resolveTarget(values);
  if (values['print-target']) {
    console.log(JSON.stringify(target));
    return;
  }

  const sqliteDir = packageDir('better-sqlite3');
  if (!sqliteDir) fail('node_modules/better-sqlite3 is not installed. Run `npm install` first.');
  const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;

  const outDir = path.join(root, 'build', 'native');
  const outFile = path.join(outDir, target.fileName);
  // The file name only encodes the ABI; the stamp also records the better-sqlite3 version, because the JS half in
  // node_modules and the native half must come from the same release.
  const stampFile = `${outFile}.json`;
  const stamp = { betterSqlite3: sqliteVersion, electron: target.electronVersion };
  if (!values.force && existsSync(outFile) && existsSync(stampFile)) {
    const previous = readJson(stampFile);
    if (previous.betterSqlite3 === stamp.betterSqlite3 && previous.electron === stamp.electron) {
      console.log(`electron:native: ${path.relative(root, outFile)} is up to date (better-sqlite3 ${sqliteVersion}, Electron ${target.electronVersion}).`);
      return;
    }
  }

  // prebuild-install only reads package.json (name, version, binary host) and writes build/Release, so that is all
  // the temporary copy needs; the C sources and the Node-ABI build stay untouched in node_modules.
  const work = mkdtempSync(path.join(os.tmpdir(), 'spillover-native-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    mkdirSync(copy);
    copyFileSync(path.join(sqliteDir, 'package.json'), path.join(copy, 'package.json'));

    // Drop npm-provided variables that would make prebuild-install skip the download (git origin, build from
    // source) or override the target given on the command line.
    const overridden = /^npm_(package_(from|resolved)|config_(build_from_source|target|runtime|arch|platform|libc|disturl))$/i;
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !overridden.test(key)));
    const bin = path.join(packageDir('prebuild-install', createRequire(path.join(sqliteDir, 'package.json'))), 'bin.js');
    const args = [bin, '--runtime', 'electron', '--target', target.electronVersion, '--arch', target.arch, '--platform', target.platform, '--verbose'];
    console.log(`electron:native: downloading better-sqlite3 ${sqliteVersion} for Electron ${target.electronVersion} (ABI ${target.modules}, ${target.platform}-${target.arch})...`);
    const result = spawnSync(process.execPath, args, { cwd: copy, env, encoding: 'utf8', timeout: 5 * 60_000 });
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (result.error || result.status !== 0 || !existsSync(built)) {
      const log = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
      // prebuild-install's full log only with --verbose; otherwise its last warning (e.g. "getaddrinfo ENOTFOUND
      // github.com") is the useful part and goes into the single failure line.
      if (values.verbose && log) console.error(log.split('\n').map((line) => `  | ${line}`).join('\n'));
      const lastWarning = log
        .split('\n')
        .filter((line) => /\b(warn|ERR!)\b/.test(line))
        .map((line) => line.replace(/^prebuild-install\s+(warn|ERR!)\s+(install\s+)?/, '').trim())
        .pop();
      const reason = result.error?.message ?? lastWarning ?? `prebuild-install exited with ${result.status ?? result.signal}`;
      fail(
        `could not download the prebuilt better-sqlite3 ${sqliteVersion} for Electron ${target.electronVersion} ` +
          `(${target.platform}-${target.arch}): ${reason}. It comes from github.com, so run \`npm run electron:native\` again with internet access (add --verbose for details).`,
      );
    }
    if (statSync(built).size === 0 || !looksLikeNativeModule(built, target.platform)) {
      fail(`the downloaded ${path.basename(built)} is not a ${target.platform} native module; delete ~/.npm/_prebuilds and retry.`);
    }

    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, outFile);
    writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`electron:native: wrote ${path.relative(root, outFile)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// One clear line on stderr and a non-zero exit: the script runs from npm scripts, where a stack trace hides the cause.
try {
  main();
} catch (error) {
  if (!(error instanceof NativeFailure)) throw error;
  console.error(`electron:native failed: ${error.message}`);
  process.exitCode = 1;
}
