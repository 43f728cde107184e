/**
 * The native menu as data: each item names a MenuAction the renderer handles (so menu, toolbar
 * and shortcuts run the same code) or a main-process action.
 */
import type { MenuAction } from '../../common/ipc/contract.js';

export type MainAction = 'open-photos' | 'open-recent' | 'quit' | 'about' | 'model-info';

export interface MenuItemSpec {
  label?: string;
  accelerator?: string;
  action?: MenuAction;
  main?: MainAction;
  arg?: string;
  role?: 'quit' | 'toggleDevTools' | 'togglefullscreen' | 'reload';
  separator?: boolean;
  submenu?: MenuItemSpec[];
}

/** `devTools`: only in development; a packaged app has no way to open them from the menu. */
export function menuSpec(recent: string[], opts: { devTools: boolean }): MenuItemSpec[] {
  const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;
  return [
    {
      label: '&File',
      submenu: [
        { label: 'Open Photos…', accelerator: 'CmdOrCtrl+O', main: 'open-photos' },
        {
          label: 'Open Recent',
          submenu: recent.length ? recent.map((p) => ({ label: basename(p), main: 'open-recent', arg: p })) : [{ label: 'No recent photos' }],
        },
        { separator: true },
        { label: 'Export Image…', accelerator: 'CmdOrCtrl+Shift+E', action: 'export-image' },
        { label: 'Save Sheet…', accelerator: 'CmdOrCtrl+S', action: 'save-sheet' },
        { label: 'Export Preset…', accelerator: 'CmdOrCtrl+E', action: 'export-preset' },
        { label: 'Import Preset…', accelerator: 'CmdOrCtrl+I', action: 'import-preset' },
        { separator: true },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', action: 'undo' },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', action: 'redo' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', action: 'zoom-in' },
        { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', action: 'zoom-out' },
        { label: 'Fit to Window', accelerator: 'CmdOrCtrl+0', action: 'zoom-fit' },
        { separator: true },
        { label: 'Before / After', accelerator: '\\', action: 'toggle-before-after' },
        { separator: true },
        { label: 'Toggle Full Screen', role: 'togglefullscreen' },
        ...(opts.devTools ? [{ label: 'Developer Tools', role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'About Caricature Studio', main: 'about' },
        { label: 'Models and Execution Provider…', main: 'model-info' },
      ],
    },
  ];
}
