/**
 * Electron main entry. Deliberately thin: every decision lives in modules that tests can load without the
 * Electron runtime (window.ts, ipc.ts, native.ts, app.ts, security.ts, renderer-assets.ts, external.ts).
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IPC_CHANNEL } from '../shared/bridge';
import { startBackend, type Started } from './app';
import { DatabaseRefusedError } from './db/database';
import { openExternal } from './external';
import { createIpcHandler } from './ipc';
import { missingElectronBindingMessage, resolveElectronBinding } from './native';
import { readAsset, defaultRendererDir } from './renderer-assets';
import { newNonce, securityHeaders } from './security';
import { APP_HOST, APP_SCHEME, APP_START_URL, hardenWebContents, mainWindowOptions } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const { values } = parseArgs({ args: process.argv.slice(1), options: { 'data-dir': { type: 'string' } }, strict: false });
const dataDirFlag = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
const open = (url: string): void => void openExternal(url, (u) => shell.openExternal(u));
let backend: Started | undefined;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, open));

app.on('window-all-closed', () => {
  backend?.close();
  app.quit();
});

void app.whenReady().then(() => {
  const target = {
    modules: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    resourcesPath: process.resourcesPath,
    appRoot: app.getAppPath(),
    userData: app.getPath('userData'),
  };
  const binding = resolveElectronBinding(target);
  if (!binding) {
    dialog.showErrorBox('Spillover', missingElectronBindingMessage(target));
    app.quit();
    return;
  }
  try {
    backend = startBackend({ dataDir: dataDirFlag, shell: 'electron', nativeBinding: binding });
  } catch (err) {
    dialog.showErrorBox('Spillover', err instanceof DatabaseRefusedError ? err.message : String(err));
    app.quit();
    return;
  }
  const table = backend.table;
  const rendererDir = defaultRendererDir();
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const nonce = newNonce();
    const asset = url.host === APP_HOST ? readAsset(rendererDir, url.pathname, nonce) : undefined;
    if (!asset || asset.status !== 200) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(asset.body), {
      status: 200,
      headers: { ...securityHeaders(nonce), 'Content-Type': asset.contentType },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.js')));
  ipcMain.handle(IPC_CHANNEL, createIpcHandler(table, () => win.webContents.mainFrame));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
});
