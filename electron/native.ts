/**
 * Locating the Electron-ABI build of better-sqlite3.
 *
 * node_modules/better-sqlite3/build/Release holds the Node-ABI binary that the unit tests and the CLI load with
 * plain Node. Electron embeds a different Node ABI ("modules" number), so the main process cannot load that file;
 * it needs a separate binary, which `npm run electron:native` (scripts/electron-native.mjs) downloads into
 * build/native/ under a name that encodes ABI, platform and arch. Keeping the two apart means neither build ever
 * overwrites the other, and a stale binary from another Electron version is simply not found instead of crashing
 * at load time with an opaque "NODE_MODULE_VERSION" error.
 *
 * This module must stay free of runtime `electron` imports so that it can be unit-tested under plain Node; the
 * caller passes in process.versions.modules, process.resourcesPath, app.getAppPath() and app.getPath('userData').
 * The resolved path is meant for better-sqlite3's `nativeBinding` option.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The command that produces the binary; quoted in the error text and kept in sync with package.json. */
export const ELECTRON_NATIVE_COMMAND = 'npm run electron:native';

export interface BindingTarget {
  /** process.versions.modules inside Electron, e.g. "143". */
  modules: string;
  /** process.platform, e.g. "linux". */
  platform: string;
  /** process.arch, e.g. "x64". */
  arch: string;
}

export interface ResolveBindingInput extends BindingTarget {
  /** process.resourcesPath: in a packaged app electron-builder's extraResources put native/ here. */
  resourcesPath?: string | undefined;
  /** app.getAppPath(): the repository root when running from a clone. */
  appRoot?: string | undefined;
  /** app.getPath('userData'): a place a user can drop a binary without touching the installation. */
  userData?: string | undefined;
  /** Injected so tests need no files on disk. */
  exists?: (file: string) => boolean;
}

// The name ends up in a path, so each part is restricted to what real values look like rather than trusted blindly.
const SAFE_PART = /^[A-Za-z0-9_]+$/;

/** `better_sqlite3-electron-v143-linux-x64.node`: the same scheme scripts/electron-native.mjs writes. */
export function electronBindingFileName({ modules, platform, arch }: BindingTarget): string {
  if (!/^[0-9]+$/.test(modules)) throw new Error(`Invalid ABI version "${modules}": expected digits like "143".`);
  for (const [label, value] of [['platform', platform], ['arch', arch]] as const) {
    if (!SAFE_PART.test(value)) throw new Error(`Invalid ${label} "${value}".`);
  }
  return `better_sqlite3-electron-v${modules}-${platform}-${arch}.node`;
}

/** Every place that is searched, in order of precedence; also used to tell the user where we looked. */
export function electronBindingCandidates(input: Omit<ResolveBindingInput, 'exists'>): string[] {
  const file = electronBindingFileName(input);
  const dirs: string[] = [];
  // Packaged app first: it is the binary that was shipped and tested together with this build.
  if (input.resourcesPath) dirs.push(path.join(input.resourcesPath, 'native'));
  // A clone after `npm run electron:native`.
  if (input.appRoot) dirs.push(path.join(input.appRoot, 'build', 'native'));
  // Last resort, e.g. a manually fetched binary for an installation the user cannot write to.
  if (input.userData) dirs.push(path.join(input.userData, 'native'));
  return dirs.map((dir) => path.join(dir, file));
}

/** The first existing candidate, or null when the Electron-ABI binary has not been fetched. */
export function resolveElectronBinding(input: ResolveBindingInput): string | null {
  const exists = input.exists ?? fs.existsSync;
  return electronBindingCandidates(input).find((candidate) => exists(candidate)) ?? null;
}

/** User-facing text for when resolveElectronBinding returned null (shown in a dialog and logged). */
export function missingElectronBindingMessage(input: Omit<ResolveBindingInput, 'exists'>): string {
  const file = electronBindingFileName(input);
  const searched = electronBindingCandidates(input);
  return [
    `Spillover cannot open its database: the SQLite driver built for this Electron version (${file}) is missing.`,
    `Run \`${ELECTRON_NATIVE_COMMAND}\` in the project folder on a machine with internet access, then start the app again.`,
    searched.length > 0 ? `Looked in:\n${searched.map((candidate) => `  ${candidate}`).join('\n')}` : 'No search folders were known.',
  ].join('\n');
}
