/**
 * The studio's commands as data, one table for the toolbar, the keyboard and the native menu
 * (Excalidraw registers its actions the same way): a name, a label, the shortcut as an Electron
 * accelerator, and whether performing it enters the undo history. The renderer adds `perform`
 * (renderer/src/actions/table.ts); electron/main/menu.ts takes its accelerators from here, so a
 * shortcut is declared once.
 */
export const ACTION_NAMES = [
  'open-photos',
  'export-image',
  'save-sheet',
  'export-preset',
  'import-preset',
  'undo',
  'redo',
  'zoom-in',
  'zoom-out',
  'zoom-fit',
  'toggle-before-after',
  'cancel',
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

export interface ActionSpec {
  label: string;
  /** Electron accelerator syntax ('CmdOrCtrl+Shift+E'); the renderer parses the same string. */
  shortcut?: string;
  /** Further keys that perform it in the window (not shown in the menu). */
  altShortcuts?: readonly string[];
  /** Whether performing the action is an edit that undo takes back. */
  entersHistory: boolean;
}

export const ACTIONS: Readonly<Record<ActionName, ActionSpec>> = {
  'open-photos': { label: 'Open Photos…', shortcut: 'CmdOrCtrl+O', entersHistory: false },
  'export-image': { label: 'Export Image…', shortcut: 'CmdOrCtrl+Shift+E', entersHistory: false },
  'save-sheet': { label: 'Save Sheet…', shortcut: 'CmdOrCtrl+S', entersHistory: false },
  'export-preset': { label: 'Export Preset…', shortcut: 'CmdOrCtrl+E', entersHistory: false },
  'import-preset': { label: 'Import Preset…', shortcut: 'CmdOrCtrl+I', entersHistory: false },
  undo: { label: 'Undo', shortcut: 'CmdOrCtrl+Z', entersHistory: false },
  redo: { label: 'Redo', shortcut: 'CmdOrCtrl+Shift+Z', altShortcuts: ['CmdOrCtrl+Y'], entersHistory: false },
  'zoom-in': { label: 'Zoom In', shortcut: 'CmdOrCtrl+=', altShortcuts: ['CmdOrCtrl+Plus'], entersHistory: false },
  'zoom-out': { label: 'Zoom Out', shortcut: 'CmdOrCtrl+-', entersHistory: false },
  'zoom-fit': { label: 'Fit to Window', shortcut: 'CmdOrCtrl+0', entersHistory: false },
  'toggle-before-after': { label: 'Before / After', shortcut: '\\', entersHistory: false },
  cancel: { label: 'Cancel Gesture / Deselect', shortcut: 'Escape', entersHistory: false },
};

/** 'Ctrl+Shift+E' as the toolbar's tooltips show it. */
export function shortcutText(accelerator: string): string {
  return accelerator.replace('CmdOrCtrl', 'Ctrl');
}

/**
 * Whether a key event matches an accelerator: the modifiers exactly (Shift only where it is
 * named, except for keys whose character already needs it, like '+'), the key case-insensitively.
 */
export function matchesShortcut(accelerator: string, e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  const parts = accelerator.split('+');
  // 'CmdOrCtrl+Plus' and 'CmdOrCtrl+=' both end in a key name; a bare '+' can't be split out.
  const keyName = parts.at(-1) === '' ? '+' : parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1));
  const key = keyName === 'Plus' ? '+' : keyName;
  const mod = e.ctrlKey || e.metaKey;
  if (mod !== mods.has('CmdOrCtrl') || e.altKey !== mods.has('Alt')) return false;
  const shiftFree = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!shiftFree && e.shiftKey !== mods.has('Shift')) return false;
  return e.key.toLowerCase() === key.toLowerCase();
}
