import { describe, expect, it } from 'vitest';
import { isLoopbackAppUrl, isSafeExternalUrl, openExternal, systemOpenCommand } from './external';

describe('opening URLs', () => {
  it('allows only https and mailto outside the app', () => {
    expect(isSafeExternalUrl('https://www.cluster.example/impressum')).toBe(true);
    expect(isSafeExternalUrl('mailto:info@cluster.example')).toBe(true);
    for (const bad of ['http://x.example', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'mailto:', 'https://user:pw@x.example', 'not a url', 'ms-msdt:foo']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('opens safe URLs through the given opener and drops the rest', async () => {
    const opened: string[] = [];
    const opener = async (u: string): Promise<void> => {
      opened.push(u);
    };
    expect(await openExternal('https://a.example', opener)).toBe(true);
    expect(await openExternal('file:///x', opener)).toBe(false);
    expect(opened).toEqual(['https://a.example']);
  });

  it('opens the browser shell only at a loopback address, and only where there is a desktop', () => {
    expect(isLoopbackAppUrl('http://127.0.0.1:4321/#token=x')).toBe(true);
    expect(isLoopbackAppUrl('http://evil.example:4321/')).toBe(false);
    expect(isLoopbackAppUrl('http://127.0.0.1/')).toBe(false);
    expect(systemOpenCommand('linux', {})).toBeNull();
    expect(systemOpenCommand('linux', { DISPLAY: ':0' })?.command).toBe('xdg-open');
    expect(systemOpenCommand('darwin', {})?.command).toBe('open');
    expect(systemOpenCommand('win32', {})?.command).toBe('cmd');
  });
});
