/** Assembles the handler table for a host from every area's handlers. */
import type { appChannels } from '../../../common/ipc/channels/app.js';
import { apmmHandlers } from './apmm.js';
import type { HostKind } from '../../../common/names.js';
import { appHandlers, photosHandlers } from './app.js';
import type { HandlerMap, HandlerTable } from './context.js';
import { facesHandlers } from './faces.js';
import { styleHandlers } from './style.js';
import { presetsHandlers } from './presets.js';
import { warpHandlers } from './warp.js';

export type SaveFileHandler = HandlerMap<Pick<typeof appChannels, 'files:save'>>['files:save'];

export function buildHandlers(host: HostKind, saveFile: SaveFileHandler): HandlerTable {
  return {
    ...appHandlers(host),
    'files:save': saveFile,
    ...photosHandlers,
    ...facesHandlers,
    ...styleHandlers,
    ...warpHandlers,
    ...presetsHandlers,
    ...apmmHandlers,
  } satisfies HandlerTable;
}
