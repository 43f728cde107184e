/**
 * Building blocks of the one IPC contract. A channel is a request schema and a response schema;
 * both sides infer their types from it, and the receiving side validates every payload with it.
 * This module imports only zod so the renderer, the preload and the services can all share it.
 */
import { z } from 'zod';
import type { Point } from '../geometry.js';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** Long job: the handler may report progress and can be cancelled by job id. */
  job?: boolean;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(def: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return def;
}

/** Binary payloads (images, PNG/JPEG bytes). Capped so a hostile peer cannot make us buffer gigabytes. */
export const bytes = (maxBytes = 256 * 1024 * 1024) =>
  z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected binary data (Uint8Array)' })
    .refine((b) => b.byteLength <= maxBytes, { message: `larger than ${maxBytes} bytes` });

/** Finite numbers only: NaN and ±Infinity are rejected at the boundary. */
export const num = () => z.number().finite();
export const point = z.tuple([num(), num()]) satisfies z.ZodType<Point>;
export const landmarks68 = z.array(point).length(68);
export const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/);
export const jobId = id;
export const shortText = (max = 256) => z.string().max(max);

/** Sent by the host with every progress step of a long job. */
export const ProgressEvent = z.object({ jobId: z.string(), done: z.number(), total: z.number(), message: z.string().optional() });
export type ProgressEvent = z.infer<typeof ProgressEvent>;

export const IpcErrorShape = z.object({
  code: z.enum(['bad-request', 'unknown-channel', 'bad-input', 'no-face', 'not-found', 'cancelled', 'unsupported', 'internal']),
  message: z.string(),
});
export type IpcErrorShape = z.infer<typeof IpcErrorShape>;

/** Every reply is an envelope, so errors cross the boundary as data, typed, never as a thrown crash. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: IpcErrorShape };
