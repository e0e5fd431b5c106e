import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ELECTRON_NATIVE_COMMAND,
  electronBindingCandidates,
  electronBindingFileName,
  missingElectronBindingMessage,
  resolveElectronBinding,
} from './native';

const target = { modules: '143', platform: 'linux', arch: 'x64' };
const FILE = 'better_sqlite3-electron-v143-linux-x64.node';
const dirs = { resourcesPath: '/opt/Spillover/resources', appRoot: '/src/spillover', userData: '/home/ann/.config/Spillover' };
const packaged = path.join('/opt/Spillover/resources', 'native', FILE);
const clone = path.join('/src/spillover', 'build', 'native', FILE);
const user = path.join('/home/ann/.config/Spillover', 'native', FILE);

describe('electronBindingFileName', () => {
  it('encodes ABI, platform and arch so builds for different Electron versions never collide', () => {
    expect(electronBindingFileName(target)).toBe(FILE);
    expect(electronBindingFileName({ modules: '136', platform: 'win32', arch: 'arm64' })).toBe('better_sqlite3-electron-v136-win32-arm64.node');
  });

  it('rejects values that could escape the folder or are not an ABI number', () => {
    expect(() => electronBindingFileName({ ...target, modules: 'v143' })).toThrow(/ABI/);
    expect(() => electronBindingFileName({ ...target, modules: '' })).toThrow(/ABI/);
    expect(() => electronBindingFileName({ ...target, platform: '../linux' })).toThrow(/platform/);
    expect(() => electronBindingFileName({ ...target, arch: 'x64/..' })).toThrow(/arch/);
  });

  it('matches the name scripts/electron-native.mjs writes', () => {
    // The script cannot import this TypeScript module, so compare through its --print-target output instead.
    const script = path.resolve(__dirname, '..', 'scripts', 'electron-native.mjs');
    const printed: unknown = JSON.parse(execFileSync(process.execPath, [script, '--print-target'], { encoding: 'utf8' }));
    expect(printed).toMatchObject({ modules: expect.stringMatching(/^\d+$/), platform: process.platform, arch: process.arch });
    const { modules, platform, arch, fileName } = printed as { modules: string; platform: string; arch: string; fileName: string };
    expect(fileName).toBe(electronBindingFileName({ modules, platform, arch }));
  });
});

describe('resolveElectronBinding', () => {
  it('prefers the packaged copy, then the clone, then userData', () => {
    const all = new Set([packaged, clone, user]);
    expect(resolveElectronBinding({ ...target, ...dirs, exists: (file) => all.has(file) })).toBe(packaged);
    all.delete(packaged);
    expect(resolveElectronBinding({ ...target, ...dirs, exists: (file) => all.has(file) })).toBe(clone);
    all.delete(clone);
    expect(resolveElectronBinding({ ...target, ...dirs, exists: (file) => all.has(file) })).toBe(user);
  });

  it('returns null when nothing exists', () => {
    const looked: string[] = [];
    const exists = (file: string): boolean => {
      looked.push(file);
      return false;
    };
    expect(resolveElectronBinding({ ...target, ...dirs, exists })).toBeNull();
    expect(looked).toEqual([packaged, clone, user]);
  });

  it('skips locations that are not known', () => {
    expect(electronBindingCandidates({ ...target, appRoot: dirs.appRoot })).toEqual([clone]);
    expect(resolveElectronBinding({ ...target, exists: () => true })).toBeNull();
  });

  it('ignores a binary built for another ABI', () => {
    const other = path.join(dirs.resourcesPath, 'native', 'better_sqlite3-electron-v136-linux-x64.node');
    expect(resolveElectronBinding({ ...target, ...dirs, exists: (file) => file === other })).toBeNull();
  });

  describe('on disk', () => {
    let tmp: string | undefined;
    afterEach(() => {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      tmp = undefined;
    });

    it('finds a real file with the default exists check', () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spillover-native-test-'));
      const resourcesPath = path.join(tmp, 'resources');
      const appRoot = path.join(tmp, 'app');
      const input = { ...target, resourcesPath, appRoot, userData: path.join(tmp, 'user') };
      expect(resolveElectronBinding(input)).toBeNull();

      const inClone = path.join(appRoot, 'build', 'native', FILE);
      fs.mkdirSync(path.dirname(inClone), { recursive: true });
      fs.writeFileSync(inClone, '');
      expect(resolveElectronBinding(input)).toBe(inClone);

      const inResources = path.join(resourcesPath, 'native', FILE);
      fs.mkdirSync(path.dirname(inResources), { recursive: true });
      fs.writeFileSync(inResources, '');
      expect(resolveElectronBinding(input)).toBe(inResources);
    });
  });
});

describe('missingElectronBindingMessage', () => {
  it('names the missing file, the fix and where it looked', () => {
    const message = missingElectronBindingMessage({ ...target, ...dirs });
    expect(message).toContain(FILE);
    expect(message).toContain(ELECTRON_NATIVE_COMMAND);
    expect(message).toContain('npm run electron:native');
    expect(message).toMatch(/internet/);
    for (const candidate of [packaged, clone, user]) expect(message).toContain(candidate);
  });

  it('quotes a command that package.json defines', () => {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8'));
    const script = ELECTRON_NATIVE_COMMAND.replace(/^npm run /, '');
    expect(pkg).toMatchObject({ scripts: { [script]: expect.stringContaining('scripts/electron-native.mjs') } });
  });

  it('still reads sensibly when no folder is known', () => {
    expect(missingElectronBindingMessage(target)).toMatch(/No search folders/);
  });
});
