/**
 * The native menu as data: each item names a MenuAction the renderer handles (so menu, toolbar
 * and shortcuts run the same code) or a main-process action. Labels and accelerators of renderer
 * actions come from the one action table, common/actions.ts.
 */
import { ACTIONS } from '../../common/actions.js';
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

/** A menu item for a renderer action, labelled and bound as the action table says. */
function item(action: MenuAction): MenuItemSpec {
  const { label, shortcut } = ACTIONS[action];
  return { label, ...(shortcut ? { accelerator: shortcut } : {}), action };
}

/** `devTools`: only in development; a packaged app has no way to open them from the menu. */
export function menuSpec(recent: string[], opts: { devTools: boolean }): MenuItemSpec[] {
  const basename = (p: string) => p.split(/[\\/]/).pop() ?? p;
  return [
    {
      label: '&File',
      submenu: [
        { label: ACTIONS['open-photos'].label, accelerator: ACTIONS['open-photos'].shortcut, main: 'open-photos' },
        {
          label: 'Open Recent',
          submenu: recent.length ? recent.map((p) => ({ label: basename(p), main: 'open-recent', arg: p })) : [{ label: 'No recent photos' }],
        },
        { separator: true },
        item('export-image'),
        item('save-sheet'),
        item('export-preset'),
        item('import-preset'),
        { separator: true },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        item('undo'),
        item('redo'),
      ],
    },
    {
      label: '&View',
      submenu: [
        item('zoom-in'),
        item('zoom-out'),
        item('zoom-fit'),
        { separator: true },
        item('toggle-before-after'),
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
