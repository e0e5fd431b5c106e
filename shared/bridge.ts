/**
 * What the Electron preload exposes to the renderer as `window.spillover`: one frozen object with one
 * function. Kept free of zod so the sandboxed preload bundle stays tiny.
 */
export const IPC_CHANNEL = 'spillover:invoke';

export interface SpilloverBridge {
  readonly shell: 'electron';
  invoke(method: string, input: unknown): Promise<unknown>;
}
