/** Electron preload entry (sandboxed): exposes exactly one frozen object, nothing of Node or Electron. */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type SpilloverBridge } from '../shared/bridge';

const bridge: SpilloverBridge = Object.freeze({
  shell: 'electron' as const,
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(IPC_CHANNEL, method, input),
});

contextBridge.exposeInMainWorld('spillover', bridge);
