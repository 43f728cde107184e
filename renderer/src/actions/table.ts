/**
 * What each action of common/actions.ts does in the window. The toolbar, the keyboard handler and
 * the native menu's events all call `performAction`, so there is one switch, not three.
 */
import { ACTION_NAMES, ACTIONS, matchesShortcut, type ActionName } from '../../../common/actions';
import type { StudioClient } from '../api/client';
import { bailGesture, patchPhoto, photoEdit, redoEdit, undoEdit } from '../editor/editor-state';
import { refreshPreview } from '../editor/preview';
import { appStore, currentPhoto } from '../state/app-state';
import { exportImageCommand, exportPresetCommand, saveSheetCommand } from '../state/file-commands';
import { notify } from '../state/notice';

export interface ActionContext {
  client: StudioClient;
  /** Opens the file picker for photos / for a preset (a DOM input the App owns). */
  pickPhotos(): void;
  pickPreset(): void;
}

const zoomBy = (f: number) => appStore.set((s) => ({ zoom: Math.min(16, Math.max(0.1, s.zoom * f)) }));

function historyStep(client: StudioClient, which: 'undo' | 'redo'): void {
  const p = currentPhoto(appStore.get());
  if (!p) return;
  if (photoEdit(p.photoId)?.history.mark) {
    notify('history', 'info', `Finish or cancel (Esc) the edit in progress before ${which === 'undo' ? 'undoing' : 'redoing'}.`);
    return;
  }
  const label = which === 'undo' ? undoEdit(p.photoId) : redoEdit(p.photoId);
  if (label) {
    notify('history', 'info', `${which === 'undo' ? 'Undid' : 'Redid'}: ${label}`);
    refreshPreview(client, p);
  }
}

/** Esc: cancels the gesture in progress (the photo returns to where it began); else clears the handle selection. */
function cancel(client: StudioClient): void {
  const p = currentPhoto(appStore.get());
  if (!p) return;
  if (bailGesture(p.photoId)) refreshPreview(client, p);
  else patchPhoto(p.photoId, { selection: [] });
}

const PERFORM: Record<ActionName, (ctx: ActionContext) => void> = {
  'open-photos': (ctx) => ctx.pickPhotos(),
  'export-image': ({ client }) => void exportImageCommand(client),
  'save-sheet': ({ client }) => void saveSheetCommand(client),
  'export-preset': ({ client }) => void exportPresetCommand(client),
  'import-preset': (ctx) => ctx.pickPreset(),
  undo: ({ client }) => historyStep(client, 'undo'),
  redo: ({ client }) => historyStep(client, 'redo'),
  'zoom-in': () => zoomBy(1.25),
  'zoom-out': () => zoomBy(0.8),
  'zoom-fit': () => appStore.set({ zoom: 1, pan: { x: 0, y: 0 } }),
  'toggle-before-after': () => appStore.set((s) => ({ showBefore: !s.showBefore })),
  cancel: ({ client }) => cancel(client),
};

export function performAction(name: ActionName, ctx: ActionContext): void {
  PERFORM[name](ctx);
}

/** The action a key press asks for, if any. */
export function actionForKey(e: KeyboardEvent): ActionName | null {
  for (const name of ACTION_NAMES) {
    const { shortcut, altShortcuts = [] } = ACTIONS[name];
    if ([shortcut, ...altShortcuts].some((s) => s && matchesShortcut(s, e))) return name;
  }
  return null;
}
