/** The browser shell over real HTTP on loopback, with a real renderer folder and a real database. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend, type Started } from '../app';
import { NONCE_PLACEHOLDER } from '../renderer-assets';
import { tempDir } from '../test/tmp';
import { startBrowserShell, TOKEN_HEADER, type BrowserShell } from './browser-shell';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw requests, because fetch() would not let a test forge the Host header. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let backend: Started;
let shell: BrowserShell;
let rendererDir: string;

beforeEach(async () => {
  rendererDir = tempDir('spillover-renderer-');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), `<meta name="spillover-style-nonce" content="${NONCE_PLACEHOLDER}"><div id="root"></div>`);
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'outside');
  backend = startBackend({ dataDir: tempDir(), shell: 'browser' });
  shell = await startBrowserShell({ table: backend.table, rendererDir });
});

afterEach(async () => {
  await shell.close();
  backend.close();
});

const api = (method: string, headers: Record<string, string> = {}, body = '{}'): Promise<Reply> =>
  request(shell.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: shell.token, ...headers },
    body,
  });

describe('browser shell', () => {
  it('listens on 127.0.0.1 and prints an app URL carrying the token in its fragment', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(shell.appUrl).toBe(`${shell.url}#token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the app with a CSP whose style nonce replaces the placeholder', async () => {
    const r = await request(shell.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(r.body).toContain(`content="${nonce}"`);
    expect(r.body).not.toContain(NONCE_PLACEHOLDER);
    const again = await request(shell.port, { path: '/' });
    expect(String(again.headers['content-security-policy'])).not.toBe(csp); // a fresh nonce per load
    expect((await request(shell.port, { path: '/assets/app.js' })).headers['content-type']).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A']) {
      const r = await request(shell.port, { path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside');
    }
  });

  it('answers API calls that carry the token', async () => {
    const r = await api('dashboard/get');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; value: { organisations: { total: number } } };
    expect(body.ok).toBe(true);
    expect(body.value.organisations.total).toBeGreaterThan(30);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    expect((await api('dashboard/get', { [TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await api('dashboard/get', { [TOKEN_HEADER]: 'x'.repeat(shell.token.length) })).status).toBe(401);
    const none = await request(shell.port, { method: 'POST', path: '/api/dashboard/get', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(none.status).toBe(401);
    expect(none.body).not.toContain('organisations');
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    const r = await api('dashboard/get', { Host: `attacker.example:${shell.port}` });
    expect(r.status).toBe(403);
    expect((await request(shell.port, { path: '/', headers: { Host: 'attacker.example' } })).status).toBe(403);
    expect((await request(shell.port, { path: '/', headers: { Host: `localhost:${shell.port}` } })).status).toBe(200);
  });

  it('refuses requests from other origins and cross-site fetches', async () => {
    expect((await api('dashboard/get', { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('dashboard/get', { Origin: `http://127.0.0.1:${shell.port + 1}` })).status).toBe(403);
    expect((await api('dashboard/get', { Origin: 'null' })).status).toBe(403);
    expect((await api('dashboard/get', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await api('dashboard/get', { Origin: `http://127.0.0.1:${shell.port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
  });

  it('maps bad requests to clear errors', async () => {
    expect((await api('dashboard/get', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('dashboard/get', {}, '{not json')).status).toBe(400);
    const unknown = await api('nope/never');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const invalid = await api('settings/update', {}, JSON.stringify({ language: 'xx' }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const get = await request(shell.port, { path: '/api/dashboard/get', headers: { [TOKEN_HEADER]: shell.token } });
    expect(get.status).toBe(405);
  });
});
