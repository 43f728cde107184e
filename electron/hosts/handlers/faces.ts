/** Handlers for the faces channels. */
import type { facesChannels } from '../../../common/ipc/channels/faces.js';
import { encodePng } from '../../services/images/decode.js';
import type { HandlerMap } from './context.js';
import { labelsPng, overlayPng, PARSING_COLOURS } from '../../services/faces/parse-overlay.js';
import { PARSING_CLASSES } from '../../services/faces/parsing-classes.js';

/** The overlay matches the photo preview's size (handlers/app.ts). */
const OVERLAY_MAX_SIDE = 2048;

export const facesHandlers: HandlerMap<typeof facesChannels> = {
  'faces:detect': async ({ photoId, again }, { services, photos }) => {
    const image = photos.get(photoId).image;
    const d = await (again ? services.faces.redetect(image) : services.faces.detect(image));
    return {
      width: d.width,
      height: d.height,
      provider: d.provider,
      detector: d.detector,
      landmarks: d.landmarks,
      faces: d.faces.map((f) => ({ box: f.box, score: f.score, landmarks: f.landmarks, warnings: f.warnings, canonical: { matrix: f.canonical } })),
      warnings: d.warnings,
    };
  },
  'faces:setDetector': async ({ detector }, { services }) => {
    services.faces.setDetector(detector);
    await services.settings.update(() => ({ faceDetector: detector }));
    return { detector };
  },
  'faces:setLandmarks': async ({ landmarks }, { services }) => {
    services.faces.setLandmarks(landmarks);
    await services.settings.update(() => ({ faceLandmarks: landmarks }));
    return { landmarks };
  },
  'faces:parse': async ({ photoId }, { services, photos }) => {
    const p = await services.faces.parse(photos.get(photoId).image);
    const [labels, overlay] = await Promise.all([labelsPng(p), overlayPng(p, OVERLAY_MAX_SIDE)]);
    return { width: p.width, height: p.height, classes: [...p.classes], faces: p.faces, labels, overlay, colours: PARSING_CLASSES.map((c) => PARSING_COLOURS[c]) };
  },
  'faces:streams': async ({ photoId, face }, { services, photos }) => {
    const s = await services.faces.streams(photos.get(photoId).image, face);
    const [landmarks, texture, organs] = await Promise.all([encodePng(s.landmarks), encodePng(s.texture), encodePng(s.organs)]);
    return { size: s.size, landmarks, texture, organs };
  },
};
