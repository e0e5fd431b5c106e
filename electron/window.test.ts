/** The Electron layer's decisions, checked without the Electron runtime (it cannot run on CI machines). */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security';
import { APP_START_URL, hardenWebContents, isAppUrl, mainWindowOptions, type HardenableContents } from './window';

type Listener = (event: { preventDefault(): void }, url: string) => void;

/** A stand-in exposing exactly the WebContents surface hardenWebContents uses, recording what it registers. */
function contents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const c = {
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      openHandler = h;
    },
    on(event: string, l: Listener) {
      listeners.set(event, l);
      return c;
    },
  };
  const fire = (event: string, url = ''): boolean => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { c: c as unknown as HardenableContents, fire, open: (url: string) => openHandler?.({ url }) };
}

describe('main window options', () => {
  const o = mainWindowOptions('/app/dist/electron/preload.js');
  it('isolates the renderer from Node and Electron', () => {
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
  it('loads the app from its own scheme, never file://', () => {
    expect(APP_START_URL).toBe('app://spillover/index.html');
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://spillover/index.html')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('denies every new window and opens only https/mailto links outside', () => {
    const opened: string[] = [];
    const w = contents();
    hardenWebContents(w.c, (u) => opened.push(u));
    expect(w.open('https://www.cluster.example/news')).toEqual({ action: 'deny' });
    expect(w.open('mailto:info@cluster.example')).toEqual({ action: 'deny' });
    expect(w.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(w.open('http://insecure.example')).toEqual({ action: 'deny' });
    expect(w.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.cluster.example/news', 'mailto:info@cluster.example']);
  });

  it('prevents navigation away from the app, and webviews', () => {
    const opened: string[] = [];
    const w = contents();
    hardenWebContents(w.c, (u) => opened.push(u));
    expect(w.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(w.fire('will-navigate', 'file:///home/user/')).toBe(true);
    expect(w.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(w.fire('will-navigate', 'app://spillover/index.html#/settings')).toBe(false);
    expect(w.fire('will-attach-webview')).toBe(true);
    expect(opened).toEqual(['https://evil.example/', 'https://evil.example/']);
  });
});

describe('Content-Security-Policy', () => {
  it('has no unsafe-inline or unsafe-eval and allows styles only with the nonce', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(securityHeaders('n')['X-Content-Type-Options']).toBe('nosniff');
  });
});
