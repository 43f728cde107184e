/** The web host's transport: the same BridgeApi as the Electron preload, over one WebSocket. */
import type { BridgeApi, HostEvent } from '../../../common/ipc/contract';
import type { Envelope } from '../../../common/ipc/define';
import { decodeFrame, encodeFrame } from '../../../common/ipc/wire';

export function connectWebSocket(url: string): Promise<BridgeApi> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const pending = new Map<number, (env: Envelope<unknown>) => void>();
    const listeners = new Set<(e: HostEvent) => void>();
    let nextId = 1;
    ws.onmessage = (ev) => {
      const msg = decodeFrame(new Uint8Array(ev.data as ArrayBuffer)) as { id?: number; event?: HostEvent } & Envelope<unknown>;
      if (msg.event) {
        for (const l of listeners) l(msg.event);
        return;
      }
      if (typeof msg.id === 'number') {
        pending.get(msg.id)?.(msg);
        pending.delete(msg.id);
      }
    };
    ws.onclose = () => {
      for (const done of pending.values()) done({ ok: false, error: { code: 'internal', message: 'The connection to the Caricature Studio host was lost.' } });
      pending.clear();
    };
    ws.onerror = () => reject(new Error('Cannot connect to the Caricature Studio host.'));
    ws.onopen = () =>
      resolve({
        invoke(channel, payload, jobId) {
          const id = nextId++;
          return new Promise((done) => {
            pending.set(id, done as (env: Envelope<unknown>) => void);
            ws.send(encodeFrame({ id, channel, payload, ...(jobId ? { jobId } : {}) }));
          });
        },
        onEvent(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      } as BridgeApi);
  });
}
