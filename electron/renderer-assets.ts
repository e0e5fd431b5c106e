/**
 * Reading the built renderer (dist/renderer) for both shells: the browser shell's HTTP server and
 * Electron's app:// protocol. Paths are resolved strictly inside the folder; index.html gets the
 * per-load style nonce that the CSP names.
 */
import fs from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const NONCE_PLACEHOLDER = '__SPILLOVER_STYLE_NONCE__';

export interface Asset {
  status: 200 | 404;
  contentType: string;
  body: Buffer;
  isIndex: boolean;
}

/** dist/electron/*.js sits next to dist/renderer; the same holds inside the packaged asar. */
export function defaultRendererDir(): string {
  return path.resolve(__dirname, '..', 'renderer');
}

export function readAsset(rendererDir: string, urlPath: string, styleNonce: string): Asset {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return notFound();
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(rendererDir, relative);
  if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return notFound();
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    return notFound();
  }
  const isIndex = path.basename(file) === 'index.html';
  if (isIndex) body = Buffer.from(body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, styleNonce), 'utf8');
  return {
    status: 200,
    contentType: MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    body,
    isIndex,
  };
}

function notFound(): Asset {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not found'), isIndex: false };
}

export function rendererIsBuilt(rendererDir: string): boolean {
  return fs.existsSync(path.join(rendererDir, 'index.html'));
}
