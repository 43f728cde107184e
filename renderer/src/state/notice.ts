/**
 * The messages the status bar shows, as a small stack with levels. Each message has a topic: a
 * new message on a topic replaces the old one (a second "Undid" does not pile up), and the code
 * that knows a fact stopped holding clears its topic (a fold warning after an unfolded render, a
 * photo's face warnings once another photo is shown). Messages about one photo carry its id and
 * show only while it is the current photo. Info messages leave on their own after a while.
 */
import { IpcError } from '../api/client';
import { appStore } from './app-state';

export type NoticeKind = 'error' | 'warning' | 'info';

export interface Notice {
  topic: string;
  kind: NoticeKind;
  text: string;
  photoId?: string;
}

const MAX_SHOWN = 4;
const INFO_MS = 8000;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

export function notify(topic: string, kind: NoticeKind, text: string, photoId?: string): void {
  const notice: Notice = { topic, kind, text, ...(photoId ? { photoId } : {}) };
  appStore.set((s) => ({ notices: [...s.notices.filter((n) => n.topic !== topic), notice].slice(-2 * MAX_SHOWN) }));
  clearTimeout(timers.get(topic));
  timers.delete(topic);
  if (kind === 'info') timers.set(topic, setTimeout(() => dropIf(topic, notice), INFO_MS));
}

function dropIf(topic: string, notice: Notice): void {
  timers.delete(topic);
  appStore.set((s) => ({ notices: s.notices.filter((n) => n !== notice) }));
}

/** Removes the topic's message (its fact no longer holds). A prefix ending in ':' clears every topic under it. */
export function clearNotice(topic: string): void {
  const hit = (t: string) => t === topic || (topic.endsWith(':') && t.startsWith(topic));
  if (!appStore.get().notices.some((n) => hit(n.topic))) return;
  appStore.set((s) => ({ notices: s.notices.filter((n) => !hit(n.topic)) }));
}

/** The messages to show now: those about no photo or the current one, newest last, at most a few. */
export function visibleNotices(notices: readonly Notice[], currentId: string | null): Notice[] {
  return notices.filter((n) => !n.photoId || n.photoId === currentId).slice(-MAX_SHOWN);
}

let errors = 0;

/** How a failed action reaches the artist: one sentence in the notice stack. */
export function showError(e: unknown): void {
  notify(`error:${++errors}`, 'error', e instanceof IpcError ? e.message : String(e));
}

/**
 * An event handler that runs an async action: React ignores a handler's promise, so without this
 * a rejection would vanish as an unhandled one instead of telling the artist what went wrong.
 */
export function perform<A extends unknown[]>(action: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    action(...args).catch(showError);
  };
}
