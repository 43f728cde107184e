/**
 * The renderer's only way to the services: a typed client over the contract, on top of either
 * the Electron preload bridge (`window.api`) or the web host's WebSocket. Error envelopes become
 * IpcError with the contract's error code.
 */
import type { BridgeApi, Channel, HostEvent, Req, Res } from '../../../common/ipc/contract';
import type { IpcErrorShape, ProgressEvent } from '../../../common/ipc/define';
import type { HostKind } from '../../../common/names';
import { connectWebSocket } from './ws-bridge';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

export class IpcError extends Error {
  constructor(
    readonly code: IpcErrorShape['code'],
    message: string,
  ) {
    super(message);
  }
}

export interface CallOptions {
  jobId?: string;
  onProgress?: (p: ProgressEvent) => void;
}

export interface StudioClient {
  host: Exclude<HostKind, 'cli'>;
  call<C extends Channel>(channel: C, req: Req<C>, opts?: CallOptions): Promise<Res<C>>;
  onEvent(listener: (e: HostEvent) => void): () => void;
}

let jobCounter = 0;
export function newJobId(prefix = 'job'): string {
  jobCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${jobCounter}`;
}

function wrap(bridge: BridgeApi, host: StudioClient['host']): StudioClient {
  const progressListeners = new Map<string, (p: ProgressEvent) => void>();
  bridge.onEvent((e) => {
    if (e.type === 'progress') progressListeners.get(e.progress.jobId)?.(e.progress);
  });
  return {
    host,
    async call(channel, req, opts = {}) {
      const jobId = opts.jobId ?? (opts.onProgress ? newJobId(channel.replace(':', '-')) : undefined);
      if (jobId && opts.onProgress) progressListeners.set(jobId, opts.onProgress);
      try {
        const env = await bridge.invoke(channel, req, jobId);
        if (!env.ok) throw new IpcError(env.error.code, env.error.message);
        return env.value;
      } finally {
        if (jobId) progressListeners.delete(jobId);
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

export async function connect(): Promise<StudioClient> {
  if (window.api) return wrap(window.api, 'electron');
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const bridge = await connectWebSocket(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
  return wrap(bridge, 'web');
}
