/**
 * THE IPC contract: every channel between the renderer and the services, with its request and
 * response schemas. Both sides take their types from here; hosts validate every payload with it.
 */
import type { ActionName } from '../actions.js';
import type { z } from 'zod';
import type { ChannelDef, Envelope, ProgressEvent } from './define.js';
import { apmmChannels } from './channels/apmm.js';
import { appChannels, photosChannels } from './channels/app.js';
import { facesChannels } from './channels/faces.js';
import { styleChannels } from './channels/style.js';
import { presetsChannels } from './channels/presets.js';
import { warpChannels } from './channels/warp.js';
import { exportChannels } from './channels/export.js';

export const contract = {
  ...appChannels,
  ...photosChannels,
  ...facesChannels,
  ...styleChannels,
  ...warpChannels,
  ...presetsChannels,
  ...apmmChannels,
  ...exportChannels,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Req<C extends Channel> = z.input<Contract[C]['request']>;
export type Res<C extends Channel> = z.output<Contract[C]['response']>;

export const channelNames = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the host pushes to the renderer; `open-paths`: files the Electron Open dialog or recent menu chose (opened with photos:openPath). */
export type HostEvent =
  | { type: 'progress'; progress: ProgressEvent }
  | { type: 'menu'; action: MenuAction }
  | { type: 'open-paths'; paths: string[] }
  /** The host closed one of this client's photos to stay within its memory bound. */
  | { type: 'photo-closed'; photoId: string; name: string; reason: 'memory' };
/** A renderer action the native menu asks for (the table is common/actions.ts). */
export type MenuAction = ActionName;

/** What the Electron preload exposes as `window.api` (and the web client mimics). */
export interface BridgeApi {
  invoke<C extends Channel>(channel: C, payload: Req<C>, jobId?: string): Promise<Envelope<Res<C>>>;
  onEvent(listener: (e: HostEvent) => void): () => void;
}
