/**
 * Export: the caricature at the photo's full resolution, rendered and written by the host (the
 * renderer sends what to render, never the pixels). Electron asks where to save and writes the
 * file in the main process; the web host, which cannot write where a browser user chooses,
 * returns the PNG for the browser to download.
 */
import { z } from 'zod';
import { bytes, channel, id, landmarks68 } from '../define.js';
import { suggestedName } from './app.js';
import { engineChoice, styleChoice } from './style.js';
import { faceRef, otherFaces } from './warp.js';

export const exportChannels = {
  'export:image': channel({
    request: z
      .object({
        photoId: id,
        suggestedName,
        /** The face worked on and the photo's other edited faces; absent: the photo as it is. */
        edit: z.object({ face: faceRef.face, source: landmarks68.optional(), target: landmarks68, others: otherFaces.optional() }).strict().optional(),
        /** The style over the caricature; absent: the caricature as warped. */
        style: z
          .object({ ...styleChoice, ...engineChoice })
          .strict()
          .refine((r) => (r.styleId === undefined) !== (r.embedding === undefined), 'give either styleId or embedding')
          .optional(),
      })
      .strict()
      .refine((r) => r.edit !== undefined || r.style !== undefined, 'nothing to export: give an edit or a style'),
    response: z.object({
      saved: z.boolean(),
      path: z.string().optional(),
      /** The web host: the PNG for the browser to download (absent in Electron, which wrote the file). */
      download: z.boolean(),
      image: bytes(512 * 1024 * 1024).optional(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  }),
};
