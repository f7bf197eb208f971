import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createEnvelopeClient } from '../../src-shared/client';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type AppEvent, type Result } from '../../src-shared/contract';

// The renderer gets only this client, generated from the contract: one function per channel, no ipcRenderer.
const client = createEnvelopeClient({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('handover', client);
