/** Assembles the handler table for a host from every area's handlers. */
import type { appChannels } from '../../../common/ipc/channels/app.js';
import { apmmHandlers } from './apmm.js';
import type { HostKind } from '../../../common/names.js';
import { appHandlers, photosHandlers } from './app.js';
import type { HandlerMap, HandlerTable } from './context.js';
import { exportHandlers } from './export.js';
import { facesHandlers } from './faces.js';
import { styleHandlers } from './style.js';
import { presetsHandlers } from './presets.js';
import { warpHandlers } from './warp.js';

export type SaveFileHandler = HandlerMap<Pick<typeof appChannels, 'files:save'>>['files:save'];

/** What a host does itself: save files where the user says, open files it was given. */
export interface HostHooks {
  /** files:save and export:image: Electron's save dialog and an atomic write; the web host's download. */
  saveFile: SaveFileHandler;
  /** The paths photos:openPath may read (Electron: what its Open dialog and recent menu chose); absent: none. */
  mayOpenPath?: (file: string) => boolean;
}

export function buildHandlers(host: HostKind, hooks: HostHooks): HandlerTable {
  return {
    ...appHandlers(host),
    'files:save': hooks.saveFile,
    ...photosHandlers(hooks.mayOpenPath),
    ...facesHandlers,
    ...styleHandlers,
    ...warpHandlers,
    ...presetsHandlers,
    ...apmmHandlers,
    ...exportHandlers(hooks.saveFile),
  } satisfies HandlerTable;
}
