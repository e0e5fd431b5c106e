/**
 * Files cross the API as base64 inside JSON (shared/contacts/schemas.ts FilePayload, imports/open). These
 * helpers turn a picked File into base64 and a returned payload into a download, in the page itself.
 */
import type { FilePayload } from '../../shared/contacts/schemas';

/**
 * Bytes per btoa() call: a multiple of 3, so the pieces join into one valid base64 string, and small
 * enough that String.fromCharCode(...chunk) stays far below the engine's argument limit even for 50 MB.
 */
const CHUNK = 3 * 0x4000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK))));
  }
  return parts.join('');
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The largest file imports/open accepts: its base64 may be 90,000,000 characters (4 per 3 bytes). */
export const MAX_IMPORT_BYTES = Math.floor((90_000_000 / 4) * 3);

export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/**
 * Saves a payload the way a browser saves any download: a temporary <a download> on an object URL.
 * The URL is revoked a little later, not at once, because some engines start reading it only after the
 * click has returned.
 */
export function downloadPayload(payload: FilePayload): void {
  const blob = new Blob([base64ToBytes(payload.base64)], { type: payload.mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = payload.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
