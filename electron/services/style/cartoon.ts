export const CARTOON_MODEL = 'style-cartoon';
export const CARTOON_FILE = 'style-cartoon.onnx';
