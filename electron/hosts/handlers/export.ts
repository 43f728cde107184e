/** export:image — the caricature rendered at full resolution and saved by the host (bytes stay in Electron's main process). */
import type { exportChannels } from '../../../common/ipc/channels/export.js';
import { encodePng } from '../../services/images/decode.js';
import { renderCaricature } from '../../services/edit/caricature.js';
import { creditModels } from '../../services/sheets/model-credits.js';
import type { HandlerMap } from './context.js';
import type { SaveFileHandler } from './index.js';

/** A styled export is rendered at most this large (the style graphs' memory grows with the area). */
const MAX_STYLED_SIDE = 8192;

export function exportHandlers(saveFile: SaveFileHandler): HandlerMap<typeof exportChannels> {
  return {
    'export:image': async (req, ctx) => {
      const { services } = ctx;
      const { image } = ctx.photos.get(req.photoId);
      const e = req.edit;
      const { value: rendered, models } = await services.inference.track(() =>
        renderCaricature(services, image, {
          edits: e ? [{ face: e.face, source: e.source, target: e.target }, ...(e.others ?? [])] : [],
          style: req.style,
          maxSide: req.style ? Math.min(MAX_STYLED_SIDE, Math.max(image.width, image.height)) : undefined,
        }),
      );
      // The exported PNG's text chunks name the models that made it.
      const png = await creditModels(await encodePng(rendered), services.inference.modelsDir, models);
      const saved = await saveFile({ suggestedName: req.suggestedName, kind: 'png', bytes: png }, ctx);
      return { ...saved, ...(saved.download ? { image: png } : {}), width: rendered.width, height: rendered.height };
    },
  };
}
