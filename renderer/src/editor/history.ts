/**
 * Undo/redo as a stack of commands. A command records one face's geometry before and after an
 * edit (an inverse delta), so undo and redo are exact whatever made the edit: a drag, a slider,
 * a preset or an exaggeration. A drag is one command: the live preview moves freely between the
 * gesture's mark and its release.
 */
export interface EditCommand<T> {
  label: string;
  key: string; // photoId#face
  before: T;
  after: T;
}

export interface History<T> {
  undo: EditCommand<T>[];
  redo: EditCommand<T>[];
}

export function emptyHistory<T>(): History<T> {
  return { undo: [], redo: [] };
}

const LIMIT = 200;

/** Records an edit; a no-op edit (`same(before, after)`) leaves history untouched. */
export function record<T>(h: History<T>, cmd: EditCommand<T>, same: (a: T, b: T) => boolean): History<T> {
  if (same(cmd.before, cmd.after)) return h;
  return { undo: [...h.undo, cmd].slice(-LIMIT), redo: [] };
}

/** Returns the new history and the command whose `before` must be restored, if any. */
export function undo<T>(h: History<T>): [History<T>, EditCommand<T> | null] {
  const cmd = h.undo.at(-1);
  if (!cmd) return [h, null];
  return [{ undo: h.undo.slice(0, -1), redo: [...h.redo, cmd] }, cmd];
}

/** Returns the new history and the command whose `after` must be re-applied, if any. */
export function redo<T>(h: History<T>): [History<T>, EditCommand<T> | null] {
  const cmd = h.redo.at(-1);
  if (!cmd) return [h, null];
  return [{ undo: [...h.undo, cmd], redo: h.redo.slice(0, -1) }, cmd];
}
