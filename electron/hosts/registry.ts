/**
 * The host side of the contract: one dispatcher shared by the Electron, web and test hosts.
 * It refuses unknown channels, validates every request and every response against the contract,
 * runs long jobs with a cancellation signal, and turns every failure into a typed error envelope.
 * Calls arrive through a Connection, which owns the photos and jobs of one client.
 */
import { z } from 'zod';
import { contract, isChannel, type Channel, type HostEvent } from '../../common/ipc/contract.js';
import type { Envelope, IpcErrorShape } from '../../common/ipc/define.js';
import { describeError } from '../../common/errors.js';
import type { CallContext, HandlerTable } from './handlers/context.js';
import type { Services } from './services.js';

/**
 * The handler of `channel`, taking the request the dispatcher has just validated with that same
 * channel's schema. TypeScript cannot tie the validated request's type to the handler's across
 * the union of channels, so this one widening stands where that correlation lives.
 */
function handlerOf(handlers: HandlerTable, channel: Channel): (req: unknown, ctx: CallContext) => Promise<unknown> {
  return handlers[channel] as (req: unknown, ctx: CallContext) => Promise<unknown>;
}

export interface DispatchOptions {
  jobId?: unknown;
}

/**
 * One WebSocket connection or one Electron window's page: its own photos and its own jobs, so a
 * client can neither evict nor cancel another's, and everything it started ends when it goes.
 */
export interface Connection {
  dispatch(channel: unknown, payload: unknown, opts?: DispatchOptions): Promise<Envelope<unknown>>;
  cancel(jobId: string): boolean;
  /** The client went away (socket closed, window reloaded or closed): abort its jobs, close its photos. */
  close(): void;
}

export interface Dispatcher {
  /** `notify` receives this connection's events: job progress and photos closed for memory. */
  connect(notify?: (e: HostEvent) => void): Connection;
}

function fail(code: IpcErrorShape['code'], message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** The first problem zod found, as one sentence naming the field. */
export function explainZod(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.length ? issue.path.map(String).join('.') : 'request';
  return `Invalid ${where}: ${issue.message}.`;
}

export function createDispatcher(handlers: HandlerTable, services: Services): Dispatcher {
  return {
    connect(notify = () => undefined) {
      const running = new Set<AbortController>();
      const jobs = new Map<string, AbortController>();
      let closed = false;
      const photos = services.photos.scope((photo) => notify({ type: 'photo-closed', photoId: photo.id, name: photo.name, reason: 'memory' }));
      const cancel = (jobId: string) => {
        const c = jobs.get(jobId);
        c?.abort();
        return !!c;
      };
      return {
        cancel,
        close() {
          closed = true;
          for (const c of running) c.abort();
          photos.closeAll();
        },
        async dispatch(channel, payload, opts = {}) {
          if (closed) return fail('cancelled', 'The connection is closed.');
          if (!isChannel(channel)) return fail('unknown-channel', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`);
          const def = contract[channel];
          const parsed = def.request.safeParse(payload);
          if (!parsed.success) return fail('bad-request', explainZod(parsed.error));
          let jobId: string | undefined;
          if (opts.jobId !== undefined) {
            const j = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/).safeParse(opts.jobId);
            if (!j.success) return fail('bad-request', 'Invalid job id.');
            jobId = j.data;
          }
          const controller = new AbortController();
          running.add(controller);
          if (jobId) {
            jobs.get(jobId)?.abort();
            jobs.set(jobId, controller);
          }
          const ctx: CallContext = {
            services,
            photos,
            cancel,
            signal: controller.signal,
            progress: (done, total, message) => {
              if (jobId) notify({ type: 'progress', progress: { jobId, done, total, ...(message ? { message } : {}) } });
            },
          };
          try {
            const value = await handlerOf(handlers, channel)(parsed.data, ctx);
            const checked = def.response.safeParse(value);
            if (!checked.success) return fail('internal', `The ${channel} handler returned a malformed reply (${explainZod(checked.error)})`);
            return { ok: true, value: checked.data };
          } catch (e) {
            if (controller.signal.aborted) return fail('cancelled', 'Cancelled.');
            const d = describeError(e);
            return fail(d.code, d.message);
          } finally {
            running.delete(controller);
            if (jobId && jobs.get(jobId) === controller) jobs.delete(jobId);
          }
        },
      };
    },
  };
}
