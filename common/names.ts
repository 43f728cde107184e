/** The literal names both processes, the contract and the settings file agree on, declared once. */

/** ONNX Runtime execution providers the app knows, in no particular order (providers.ts orders them per platform). */
export const PROVIDER_NAMES = ['cuda', 'dml', 'coreml', 'cpu'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** What the user can ask for: a provider, or 'auto' for the platform's order. */
export const PROVIDER_PREFERENCES = ['auto', ...PROVIDER_NAMES] as const;
export type ProviderPreference = (typeof PROVIDER_PREFERENCES)[number];

/** The ways the services are served (DESIGN §6). */
export const HOST_KINDS = ['electron', 'web', 'cli'] as const;
export type HostKind = (typeof HOST_KINDS)[number];

/** The face detectors a user can choose (electron/services/faces/detect.ts says what each is). */
export const DETECTOR_NAMES = ['auto', 'ssd', 'tiny', 'hog'] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];
/** The nets behind them ('auto' runs tiny, and SSD — with its rescue pass — when tiny is unsure): a result names the one that found its faces. */
export const DETECTOR_NETS = ['tiny', 'ssd', 'hog'] as const satisfies readonly DetectorName[];
export type DetectorNet = (typeof DETECTOR_NETS)[number];

/**
 * The 68-point landmark models: 'precise' is dlib's predictor (electron/services/faces/dlib/,
 * trained on iBUG 300-W: not for commercial use), 'fast' face-api's net (faces/landmarks.ts).
 */
export const LANDMARK_NAMES = ['precise', 'fast'] as const;
export type LandmarkName = (typeof LANDMARK_NAMES)[number];

/**
 * Where a style applies: the whole image, the face, only the organs, or the face's texture (DFN's
 * factors), or the hair or the background (the portrait's landmark segments).
 */
export const STYLE_REGIONS = ['whole', 'face', 'organs', 'texture', 'hair', 'background'] as const;
export type StyleRegion = (typeof STYLE_REGIONS)[number];
