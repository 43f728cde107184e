/** Plain data shared by the faces modules (and sent over IPC as is). */

/** [x, y] in image pixels unless said otherwise. */
export type Point = [number, number];
/** [x, y, width, height] in image pixels. */
export type Box = [number, number, number, number];
