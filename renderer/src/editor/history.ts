/**
 * Undo/redo as a stack of commands, each the document before and after one edit (an inverse
 * delta), so undo and redo are exact whatever made the edit: a drag, a slider, a preset, a style.
 *
 * A gesture (a drag, a slider pull) is bracketed by a mark, as tldraw's HistoryManager does:
 * `beginGesture` remembers the document, the live changes in between are not recorded, and
 * `commitGesture` records one command from the mark to the end state, or `bailGesture` hands the
 * marked document back so the caller can restore it (Esc). While a mark is set, undo and redo do
 * nothing: undoing an older edit under a moving handle would tear the gesture in two
 * (Excalidraw blocks history actions mid-gesture for the same reason).
 */
export interface EditCommand<T> {
  label: string;
  before: T;
  after: T;
}

export interface History<T> {
  undo: EditCommand<T>[];
  redo: EditCommand<T>[];
  /** The document when the gesture in progress began; null when none is. */
  mark: { label: string; before: T } | null;
}

export function emptyHistory<T>(): History<T> {
  return { undo: [], redo: [], mark: null };
}

const LIMIT = 200;

/** Records an edit; a no-op edit (`same(before, after)`) leaves history untouched. */
export function record<T>(h: History<T>, cmd: EditCommand<T>, same: (a: T, b: T) => boolean): History<T> {
  if (same(cmd.before, cmd.after)) return h;
  return { undo: [...h.undo, cmd].slice(-LIMIT), redo: [], mark: h.mark };
}

/** Returns the new history and the command whose `before` must be restored, if any. */
export function undo<T>(h: History<T>): [History<T>, EditCommand<T> | null] {
  const cmd = h.undo.at(-1);
  if (!cmd || h.mark) return [h, null];
  return [{ undo: h.undo.slice(0, -1), redo: [...h.redo, cmd], mark: null }, cmd];
}

/** Returns the new history and the command whose `after` must be re-applied, if any. */
export function redo<T>(h: History<T>): [History<T>, EditCommand<T> | null] {
  const cmd = h.redo.at(-1);
  if (!cmd || h.mark) return [h, null];
  return [{ undo: [...h.undo, cmd], redo: h.redo.slice(0, -1), mark: null }, cmd];
}

/** Starts a gesture at document `current`; a gesture already running keeps its own mark. */
export function beginGesture<T>(h: History<T>, label: string, current: T): History<T> {
  return h.mark ? h : { ...h, mark: { label, before: current } };
}

/** Ends the gesture: one command from the mark to `current` (none if nothing changed or no gesture). */
export function commitGesture<T>(h: History<T>, current: T, same: (a: T, b: T) => boolean, label?: string): History<T> {
  if (!h.mark) return h;
  const cleared = { ...h, mark: null };
  return record(cleared, { label: label ?? h.mark.label, before: h.mark.before, after: current }, same);
}

/** Cancels the gesture: the history without its mark, and the document to restore (null if no gesture). */
export function bailGesture<T>(h: History<T>): [History<T>, T | null] {
  if (!h.mark) return [h, null];
  return [{ ...h, mark: null }, h.mark.before];
}

export function inGesture(h: History<unknown>): boolean {
  return h.mark !== null;
}
