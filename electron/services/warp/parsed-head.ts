/**
 * The head region from the face parser (issue #13 item 1). The parser's own framing (CelebA-HQ's,
 * faces/parse.ts) is tight: long or voluminous hair runs past the crop's edges, where nothing is
 * labelled. The head is parsed on a crop HEAD_PARSE_SCALE times wider, which holds the whole reach
 * headFromLabels looks in on the demo faces, and its labels are read through the crop itself, so
 * a pixel the parser did not see is known as such (the landmark estimate stands in there) rather
 * than read as background.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { parseFace, PARSING_SIZE, type FaceLabels } from '../faces/parse.js';
import { PARSING_CLASSES } from '../faces/parsing-classes.js';
import { headFromLabels, type HeadRegion, type LabelAt } from './head.js';
import type { Points } from '../../../common/geometry.js';

/** The head parse's crop side over the parser's own framing (1: CelebA-HQ's). */
export const HEAD_PARSE_SCALE = 1.6;

/** A face's crop labels at image pixels (the crop label under the pixel's centre), −1 outside the crop. */
export function cropLabels({ toCrop, labels }: FaceLabels, size = PARSING_SIZE): LabelAt {
  const [a, b, c, d, e, g] = toCrop;
  return (x, y) => {
    const cx = Math.floor(a * (x + 0.5) + c * (y + 0.5) + e);
    const cy = Math.floor(b * (x + 0.5) + d * (y + 0.5) + g);
    return cx >= 0 && cy >= 0 && cx < size && cy < size ? labels[cy * size + cx]! : -1;
  };
}

/** The head of the face `landmarks` on `image` from one parser run on the wide crop (the parser must be available: faces/parse.ts requireParser). */
export async function parseHead(inference: InferenceService, image: RgbImage, landmarks: Points): Promise<HeadRegion> {
  const parsed = await parseFace(inference, image, landmarks.map((p) => [p[0], p[1]]), HEAD_PARSE_SCALE);
  return headFromLabels(landmarks, cropLabels(parsed), image.width, image.height, PARSING_CLASSES);
}
