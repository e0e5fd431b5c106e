/**
 * The Electron transport: one ipcMain.handle channel carrying every contract method. A call is served
 * only when it comes from the app window's own top frame showing the app's own origin — not from an
 * iframe (newsletter previews), not from a page the window was somehow navigated to.
 */
import type { Envelope } from '../shared/api';
import type { HandlerTable } from './services';
import { isAppUrl } from './window';

export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export function isTrustedSender(sender: SenderFrame | null | undefined, appTopFrame: unknown): boolean {
  if (!sender || sender !== appTopFrame) return false;
  return sender.parent === null && isAppUrl(sender.url);
}

export function createIpcHandler(
  table: HandlerTable,
  appTopFrame: () => unknown,
): (event: { senderFrame: SenderFrame | null }, method: unknown, input: unknown) => Promise<Envelope> {
  return async (event, method, input) => {
    if (!isTrustedSender(event.senderFrame, appTopFrame())) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Spillover window.' } };
    }
    return table.dispatch(method, input);
  };
}
