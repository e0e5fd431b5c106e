/**
 * The one Content-Security-Policy for the renderer, in Electron and in the browser shell. No
 * 'unsafe-inline' and no 'unsafe-eval': scripts come only from the app's own files, and the few <style>
 * elements the component library injects carry a per-load nonce.
 */
import crypto from 'node:crypto';

export function newNonce(): string {
  return crypto.randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // Newsletter previews (later) render in sandboxed srcdoc/blob frames without scripts.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every renderer response carries, whichever shell serves it. */
export function securityHeaders(styleNonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(styleNonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
