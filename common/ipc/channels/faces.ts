/** Face analysis channels: faces and landmarks of an open photo, and the DFN input streams of one face. */
import { z } from 'zod';
import { bytes, channel, id, landmarks68, num } from '../define.js';
import { providerName } from './app.js';
import { DETECTOR_NAMES, DETECTOR_NETS, LANDMARK_NAMES } from '../../names.js';

/** 'auto': Tiny YOLO, and SSD when tiny is unsure (SSD's faces, ~3× faster on clear photos). */
export const DetectorName = z.enum(DETECTOR_NAMES);
/** 'precise': dlib's 68-point predictor (not for commercial use); 'fast': face-api's net. */
export const LandmarkName = z.enum(LANDMARK_NAMES);

export const FaceSchema = z.object({
  /** [x, y, width, height] in image pixels. */
  box: z.tuple([num(), num(), num(), num()]),
  score: num(),
  /** 68 points, iBUG 300-W order, image pixels. */
  landmarks: landmarks68,
  /** Tiny or strongly tilted face: one sentence each, for the UI. */
  warnings: z.array(z.string()),
  /** image → canonical 256×256 frame, [a, b, c, d, tx, ty]: x' = a·x + c·y + tx, y' = b·x + d·y + ty (Konva order). */
  canonical: z.object({ matrix: z.tuple([num(), num(), num(), num(), num(), num()]) }),
});

export const facesChannels = {
  /**
   * Every face, largest first. No face is an error ('no-face') with one sentence for the user.
   * A photo keeps its faces once found; `again` finds them anew with the current detector.
   */
  'faces:detect': channel({
    request: z.object({ photoId: id, again: z.boolean().optional() }).strict(),
    response: z.object({
      width: z.number().int(),
      height: z.number().int(),
      provider: providerName,
      /** The net whose boxes these are (for the status bar). */
      detector: z.enum(DETECTOR_NETS),
      /** The landmark model that placed the points ('fast' when 'precise' is not built: a warning says so). */
      landmarks: LandmarkName,
      faces: z.array(FaceSchema),
      warnings: z.array(z.string()),
    }),
  }),
  /** The detector for photos detected from now on (and `again`); saved in the settings. */
  'faces:setDetector': channel({
    request: z.object({ detector: DetectorName }).strict(),
    response: z.object({ detector: DetectorName }),
  }),
  /** The landmark model for photos detected from now on (and `again`); saved in the settings. */
  'faces:setLandmarks': channel({
    request: z.object({ landmarks: LandmarkName }).strict(),
    response: z.object({ landmarks: LandmarkName }),
  }),
  /**
   * Face parsing of every face (BiSeNetV2, CelebAMask-HQ classes): `labels` an 8-bit grey PNG of
   * the image's size (pixel = index into `classes`), `overlay` the classes in colour over
   * transparency, at most 2048 px on its longer side (the preview's size). 'unsupported' with one
   * sentence when the parser is not built or not cleared for commercial use.
   */
  'faces:parse': channel({
    request: z.object({ photoId: id }).strict(),
    response: z.object({
      width: z.number().int(),
      height: z.number().int(),
      classes: z.array(z.string()),
      faces: z.number().int(),
      labels: bytes(),
      overlay: bytes(),
      /** RGB colour per class (the overlay's legend). */
      colours: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
    }),
  }),
  /** Paper Fig. 3 streams of face `face` (0 = largest), 256×256 PNGs in the canonical frame. */
  'faces:streams': channel({
    request: z.object({ photoId: id, face: z.number().int().min(0).max(999) }).strict(),
    response: z.object({
      size: z.number().int(),
      landmarks: bytes(),
      texture: bytes(),
      organs: bytes(),
    }),
  }),
};
