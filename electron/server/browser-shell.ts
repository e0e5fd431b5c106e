/**
 * The browser shell: the same renderer and the same handler table as Electron, served over HTTP on
 * 127.0.0.1 only. /api calls need the per-run token (sent by the renderer in a header, learned from the
 * URL fragment, which browsers never send to a server). Requests naming another Host or coming from
 * another Origin are refused, which stops DNS-rebinding and other web pages from reaching the data.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorCode } from '../../shared/api';
import { newNonce, securityHeaders } from '../security';
import { readAsset } from '../renderer-assets';
import type { HandlerTable } from '../services';

export const TOKEN_HEADER = 'x-spillover-token';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const STATUS_FOR: Record<ErrorCode, number> = {
  bad_input: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  internal: 500,
};

export interface BrowserShellOptions {
  table: HandlerTable;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface BrowserShell {
  url: string;
  /** The URL with the token in its fragment: what the user opens. */
  appUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Only our own loopback names, with our own port, are acceptable as Host and Origin. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>): void {
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, base: Record<string, string>): void {
  send(res, status, JSON.stringify(value), {
    ...base,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
}

function refusal(code: ErrorCode, message: string): { ok: false; error: { code: ErrorCode; message: string } } {
  return { ok: false, error: { code, message } };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, refusal('internal', String(err)), {});
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const nonce = newNonce();
    const headers = securityHeaders(nonce);
    const host = req.headers.host ?? '';
    if (!hosts.has(host)) {
      sendJson(res, 403, refusal('forbidden', 'Unknown Host: Spillover answers only on its own loopback address.'), headers);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !(origin.startsWith('http://') && hosts.has(origin.slice('http://'.length)))) {
      sendJson(res, 403, refusal('forbidden', 'Requests from other web pages are refused.'), headers);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');

    if (url.pathname.startsWith('/api/')) {
      const fetchSite = req.headers['sec-fetch-site'];
      if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
        sendJson(res, 403, refusal('forbidden', 'Cross-site requests are refused.'), headers);
        return;
      }
      const given = req.headers[TOKEN_HEADER];
      if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
        sendJson(res, 401, refusal('forbidden', 'Missing or wrong token: open the address printed by `spillover serve`.'), headers);
        return;
      }
      if (req.method !== 'POST') {
        sendJson(res, 405, refusal('bad_input', 'Use POST for /api calls.'), { ...headers, Allow: 'POST' });
        return;
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(res, 415, refusal('bad_input', 'Send JSON (Content-Type: application/json).'), headers);
        return;
      }
      const body = await readBody(req);
      if (body === 'too_large') {
        sendJson(res, 413, refusal('bad_input', 'Request too large.'), headers);
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch {
        sendJson(res, 400, refusal('bad_input', 'The request body is not valid JSON.'), headers);
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const envelope = await options.table.dispatch(method, input);
      sendJson(res, envelope.ok ? 200 : STATUS_FOR[envelope.error.code], envelope, headers);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' });
      return;
    }
    const asset = readAsset(options.rendererDir, url.pathname, nonce);
    send(res, asset.status, req.method === 'HEAD' ? '' : asset.body, {
      ...headers,
      'Content-Type': asset.contentType,
      'Cache-Control': asset.isIndex ? 'no-store' : 'no-cache',
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    appUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
