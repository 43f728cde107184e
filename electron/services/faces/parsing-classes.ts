/**
 * The face parser's classes (CelebAMask-HQ vocabulary), in the order of the model's own output
 * indices (DESIGN §7: `parse` writes these indices). `l_`/`r_` are the sitter's left and right.
 */
export const PARSING_CLASSES = [
  'background', 'skin', 'l_brow', 'r_brow', 'l_eye', 'r_eye', 'eye_g', 'l_ear', 'r_ear',
  'ear_r', 'nose', 'mouth', 'u_lip', 'l_lip', 'neck', 'neck_l', 'cloth', 'hair', 'hat',
] as const;
export type ParsingClass = (typeof PARSING_CLASSES)[number];

export const PARSING_MODEL = 'face-parsing';
export const PARSING_FILE = 'face-parsing-bisenetv2.onnx';

export const classIndex = (name: ParsingClass): number => PARSING_CLASSES.indexOf(name);
