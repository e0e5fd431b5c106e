import { describe, expect, it } from 'vitest';
import { decodeCharset, decodeText, decodeWindows1252, detectEncoding, ImportReadError, looksBinary } from './encoding';

describe('Windows-1252', () => {
  it('maps all of 0x80–0x9F as the WHATWG table does (Node’s own decoder does not, see encoding.ts)', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(bytes)).toBe(
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ',
    );
  });

  it('maps the rest byte for byte', () => {
    const bytes = Uint8Array.from([0x41, 0x7f, 0xa0, 0xc4, 0xd6, 0xdc, 0xdf, 0xe4, 0xf6, 0xfc, 0xff]);
    expect(decodeWindows1252(bytes)).toBe('A\u007F\u00A0ÄÖÜßäöüÿ');
  });
});

describe('detectEncoding', () => {
  const text = 'Müller;Straße;€;„Zitat“';

  it('trusts byte order marks', () => {
    expect(detectEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0xff, 0xfe, 0x41, 0]))).toBe('utf-16le');
    expect(detectEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x41]))).toBe('utf-16be');
  });

  it('tells UTF-8 from Windows-1252', () => {
    expect(detectEncoding(new TextEncoder().encode(text))).toBe('utf-8');
    expect(detectEncoding(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('windows-1252');
    expect(detectEncoding(new TextEncoder().encode('plain ascii'))).toBe('utf-8');
  });

  it('recognises UTF-16 without BOM by its zero bytes', () => {
    expect(detectEncoding(Buffer.from('Name;Ort\r\nMüller;Jena', 'utf16le'))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('Name;Ort\r\nMüller;Jena', 'utf16le').swap16())).toBe('utf-16be');
  });

  it('refuses UTF-32 with a message that says what to do', () => {
    let error: unknown;
    try {
      detectEncoding(Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportReadError);
    expect((error as ImportReadError).code).toBe('unsupported');
    expect((error as ImportReadError).message).toContain('UTF-8');
  });
});

describe('decodeText', () => {
  it('strips byte order marks and never keeps them as text', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0x42])).text).toBe('AB');
    expect(decodeText(Uint8Array.from([0xfe, 0xff, 0, 0x41, 0, 0xe4])).text).toBe('Aä');
  });

  it('keeps a U+FEFF inside the text', () => {
    expect(decodeText(new TextEncoder().encode('a\uFEFFb')).text).toBe('a\uFEFFb');
  });

  it('notes a BOM that contradicts the given encoding', () => {
    const decoded = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0xa4]), 'windows-1252');
    expect(decoded.text).toBe('Ã¤');
    expect(decoded.notes.map(([code]) => code)).toEqual(['encoding-conflict']);
  });

  it('notes an odd byte count in UTF-16', () => {
    const decoded = decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0, 0x42]));
    expect(decoded.text).toBe('A');
    expect(decoded.notes.map(([code]) => code)).toEqual(['odd-length']);
  });
});

describe('decodeCharset', () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

  it('decodes declared charsets', () => {
    expect(decodeCharset(bytes(0xc3, 0xbc), 'UTF-8', 'windows-1252')).toEqual({ text: 'ü', relabelled: false });
    expect(decodeCharset(bytes(0xfc, 0x80), 'ISO-8859-1', 'utf-8')).toEqual({ text: 'ü€', relabelled: false });
    expect(decodeCharset(bytes(0xa4), 'ISO-8859-15', 'utf-8')).toEqual({ text: '€', relabelled: false });
    expect(decodeCharset(bytes(0xa3), 'iso-8859-2', 'utf-8')).toEqual({ text: 'Ł', relabelled: false });
  });

  it('falls back to the file encoding without a label', () => {
    expect(decodeCharset(bytes(0xfc), undefined, 'windows-1252').text).toBe('ü');
    expect(decodeCharset(bytes(0xc3, 0xbc), undefined, 'utf-8').text).toBe('ü');
  });

  it('repairs labels that cannot be right instead of producing mojibake', () => {
    expect(decodeCharset(bytes(0xc3, 0xbc), 'windows-1252', 'windows-1252')).toEqual({ text: 'ü', relabelled: true });
    expect(decodeCharset(bytes(0xfc), 'UTF-8', 'utf-8')).toEqual({ text: 'ü', relabelled: true });
    expect(decodeCharset(bytes(0xfc), 'x-unknown-charset', 'utf-8')).toEqual({ text: 'ü', relabelled: true });
  });
});

describe('looksBinary', () => {
  it('flags NUL and control-heavy samples, not text with a few odd characters', () => {
    expect(looksBinary('Name;Ort\n\0')).toBe(true);
    expect(looksBinary('\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F')).toBe(true);
    // Valid Unicode text may carry more control characters than bytes only Windows-1252 accepts.
    const controlHeavy = 'Name\n' + '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008'.repeat(2) + 'x'.repeat(100);
    expect(looksBinary(controlHeavy, 'utf-8')).toBe(false);
    expect(looksBinary(controlHeavy, 'windows-1252')).toBe(true);
    expect(looksBinary('Name;Ort\nA;B\u000BC\f\u001A\n' + 'x'.repeat(200) + '\u001B[0;31mred\u001B[0m')).toBe(false);
  });
});
