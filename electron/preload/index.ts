/**
 * The preload: the only bridge between the sandboxed renderer and the main process. It exposes
 * `window.api` with exactly the contract's channels (unknown ones are refused here too) and one
 * event stream; raw ipcRenderer never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, type BridgeApi, type HostEvent } from '../../common/ipc/contract';

const allowed = new Set<string>(channelNames);

const api: BridgeApi = {
  invoke(channel, payload, jobId) {
    if (!allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown channel ${String(channel)}.` } });
    }
    return ipcRenderer.invoke(channel, { payload, jobId });
  },
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, ev: HostEvent) => listener(ev);
    ipcRenderer.on('cs:event', handler);
    return () => {
      ipcRenderer.removeListener('cs:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
