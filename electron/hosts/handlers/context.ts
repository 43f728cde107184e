/**
 * What every IPC handler receives besides its validated request: the shared services, the calling
 * connection's photos and, for long jobs, a cancellation signal and a progress callback.
 */
import type { z } from 'zod';
import type { Contract } from '../../../common/ipc/contract.js';
import type { ChannelDef } from '../../../common/ipc/define.js';
import type { PhotoScope } from '../../services/images/photos.js';
import type { Services } from '../services.js';

export interface CallContext {
  services: Services;
  /** The calling connection's (or window's) own photos. */
  photos: PhotoScope;
  /** Cancels one of the calling connection's jobs. */
  cancel: (jobId: string) => boolean;
  signal: AbortSignal;
  progress: (done: number, total: number, message?: string) => void;
}

export type HandlerMap<C extends Record<string, ChannelDef>> = {
  [K in keyof C]: (req: z.output<C[K]['request']>, ctx: CallContext) => Promise<z.input<C[K]['response']>>;
};

/** A handler for every channel of the contract: a channel without one does not compile. */
export type HandlerTable = HandlerMap<Contract>;
