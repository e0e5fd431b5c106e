/**
 * The one place that opens anything outside the app: web links and mail addresses in the user's own
 * programs, and the browser shell's loopback address in the default browser. Everything else is refused,
 * so a crafted link in imported data can never launch a file or a custom protocol handler.
 */
import { spawn } from 'node:child_process';

export type Opener = (url: string) => Promise<void>;

export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return url.hostname !== '' && url.username === '' && url.password === '';
  if (url.protocol === 'mailto:') return url.pathname.includes('@');
  return false;
}

/** The browser shell's own address, and nothing else over plain http. */
export function isLoopbackAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.port !== '';
  } catch {
    return false;
  }
}

export async function openExternal(url: string, opener: Opener): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await opener(url);
  return true;
}

/** Which command opens a URL in the desktop's default browser, or null where there is no desktop. */
export function systemOpenCommand(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): { command: string; args: string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [] };
}

/** Opens the browser shell in the default browser if there is one; returns whether it tried. */
export function openAppInBrowser(url: string, platform = process.platform, env = process.env): boolean {
  if (!isLoopbackAppUrl(url)) return false;
  const cmd = systemOpenCommand(platform, env);
  if (!cmd) return false;
  const child = spawn(cmd.command, [...cmd.args, url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // no browser installed: the printed URL is enough
  child.unref();
  return true;
}
