import { describe, expect, it } from 'vitest';
import { startBackend } from './app';
import { createIpcHandler, isTrustedSender } from './ipc';
import { tempDir } from './test/tmp';

describe('IPC sender check', () => {
  const top = { url: 'app://spillover/index.html', parent: null };
  it('accepts only the app window top frame on the app origin', () => {
    expect(isTrustedSender(top, top)).toBe(true);
    expect(isTrustedSender(null, top)).toBe(false);
    const iframe = { url: 'app://spillover/index.html', parent: top };
    expect(isTrustedSender(iframe, iframe)).toBe(false);
    const elsewhere = { url: 'https://evil.example/', parent: null };
    expect(isTrustedSender(elsewhere, elsewhere)).toBe(false);
    const otherWindow = { url: 'app://spillover/index.html', parent: null };
    expect(isTrustedSender(otherWindow, top)).toBe(false);
  });

  it('dispatches trusted calls to the handler table and refuses the rest', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'electron', seedDemo: false });
    const handle = createIpcHandler(b.table, () => top);
    expect(await handle({ senderFrame: top }, 'app/info', {})).toMatchObject({ ok: true, value: { shell: 'electron' } });
    expect(await handle({ senderFrame: { url: 'app://spillover/x', parent: top } }, 'app/info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await handle({ senderFrame: top }, 'settings/update', { language: 42 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    b.close();
  });
});
