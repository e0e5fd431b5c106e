import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, MAX_IMPORT_BYTES } from './files';

/** The obvious one-character-at-a-time encoding, as the reference for the chunked one. */
function reference(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

describe('base64 for file payloads', () => {
  it('matches the plain encoding at every chunk boundary, including files larger than one chunk', () => {
    for (const size of [0, 1, 2, 3, 49_151, 49_152, 49_153, 200_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 7919) % 256);
      const b64 = bytesToBase64(bytes);
      expect(b64).toBe(reference(bytes));
      expect([...base64ToBytes(b64)]).toEqual([...bytes]);
    }
  });

  it('keeps Windows-1252 bytes as they are (the server decodes them, not the page)', () => {
    // "Jürgen" in Windows-1252: ü is the single byte 0xFC.
    expect(bytesToBase64(new Uint8Array([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]))).toBe('SvxyZ2Vu');
  });

  it('admits files whose base64 fits the contract limit of imports/open', () => {
    expect(Math.ceil(MAX_IMPORT_BYTES / 3) * 4).toBeLessThanOrEqual(90_000_000);
    expect(MAX_IMPORT_BYTES).toBeGreaterThan(50_000_000);
  });
});
