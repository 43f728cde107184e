/**
 * Handlers for the preset channels. The store holds no state beyond its folder, so each call
 * makes one for the host's user data folder.
 */
import type { presetsChannels } from '../../../common/ipc/channels/presets.js';
import { applyPreset, presetFromEdit } from '../../services/presets/apply.js';
import { PresetStore } from '../../services/presets/store.js';
import type { HandlerMap } from './context.js';
import { faceOf } from './warp.js';

export const presetsHandlers: HandlerMap<typeof presetsChannels> = {
  'presets:list': async (_req, { services }) => new PresetStore(services.userDataDir).list(),
  'presets:save': async (req, ctx) => {
    const { services } = ctx;
    const { source } = await faceOf(ctx, req);
    const { id, doc } = await new PresetStore(services.userDataDir).save(presetFromEdit(source, req.target, req.name, req.notes));
    return { id, name: doc.name };
  },
  'presets:delete': async ({ id }, { services }) => {
    await new PresetStore(services.userDataDir).delete(id);
    return { deleted: true };
  },
  'presets:import': async ({ json }, { services }) => {
    const { id, doc } = await new PresetStore(services.userDataDir).import(json);
    return { id, name: doc.name };
  },
  'presets:export': async ({ id }, { services }) => new PresetStore(services.userDataDir).export(id),
  'presets:apply': async (req, ctx) => {
    const { services } = ctx;
    const { source } = await faceOf(ctx, req);
    const doc = await new PresetStore(services.userDataDir).get(req.presetId);
    return { target: applyPreset(doc, source) };
  },
};
