import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, resolveDataDir } from './paths';

describe('data folder', () => {
  it('follows Electron userData conventions per OS', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/jana' })).toBe('/home/jana/.config/Spillover');
    expect(resolveDataDir({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', home: '/home/jana' })).toBe('/xdg/Spillover');
    expect(resolveDataDir({ env: {}, platform: 'darwin', home: '/Users/jana' })).toBe('/Users/jana/Library/Application Support/Spillover');
    expect(resolveDataDir({ env: { APPDATA: 'C:\\Users\\jana\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\jana' })).toBe(
      'C:\\Users\\jana\\AppData\\Roaming\\Spillover',
    );
  });

  it('lets --data-dir win over SPILLOVER_DATA_DIR, and both over the default', () => {
    const env = { SPILLOVER_DATA_DIR: '/from/env' };
    expect(resolveDataDir({ env, platform: 'linux', home: '/h' })).toBe('/from/env');
    expect(resolveDataDir({ flag: '/from/flag', env, platform: 'linux', home: '/h' })).toBe('/from/flag');
    expect(resolveDataDir({ flag: 'relative', env: {}, platform: 'linux', home: '/h' })).toBe(path.resolve('relative'));
    expect(resolveDataDir({ env: { SPILLOVER_DATA_DIR: '  ' }, platform: 'linux', home: '/h' })).toBe('/h/.config/Spillover');
  });

  it('keeps one database file in the folder', () => {
    expect(databaseFile('/d')).toBe(path.join('/d', 'spillover.sqlite'));
  });
});
