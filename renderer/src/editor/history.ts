/**
 * Undo/redo as a stack of commands. A command records the landmark targets of one face before
 * and after an edit (an inverse delta), so undo and redo are exact whatever made the edit: a
 * drag, a slider, a preset or an exaggeration. A drag is one command: the live preview moves
 * freely between the gesture's mark and its release.
 */
import type { Point } from '../../../electron/ipc/define';

export interface EditCommand {
  label: string;
  key: string; // photoId#face
  before: Point[];
  after: Point[];
}

export interface History {
  undo: EditCommand[];
  redo: EditCommand[];
}

export const emptyHistory: History = { undo: [], redo: [] };
const LIMIT = 200;

export function samePoints(a: readonly Point[], b: readonly Point[]): boolean {
  return a.length === b.length && a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]);
}

/** Records an edit; a no-op edit (before = after) leaves history untouched. */
export function record(h: History, cmd: EditCommand): History {
  if (samePoints(cmd.before, cmd.after)) return h;
  return { undo: [...h.undo, cmd].slice(-LIMIT), redo: [] };
}

/** Returns the new history and the command whose `before` must be restored, if any. */
export function undo(h: History): [History, EditCommand | null] {
  const cmd = h.undo.at(-1);
  if (!cmd) return [h, null];
  return [{ undo: h.undo.slice(0, -1), redo: [...h.redo, cmd] }, cmd];
}

/** Returns the new history and the command whose `after` must be re-applied, if any. */
export function redo(h: History): [History, EditCommand | null] {
  const cmd = h.redo.at(-1);
  if (!cmd) return [h, null];
  return [{ undo: [...h.undo, cmd], redo: h.redo.slice(0, -1) }, cmd];
}
