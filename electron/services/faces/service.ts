/**
 * The faces service the hosts hold: detection results cached per decoded photo (keyed by the
 * image object, so a photo closed in the PhotoStore frees its entry), streams and descriptors
 * computed on demand from them.
 */
import type { RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { ServiceError } from '../../../common/errors.js';
import { DEFAULT_DETECTOR, DEFAULT_LANDMARKS, detectFaces, requireFaces, type DetectorName, type Face, type FaceDetection, type LandmarkName } from './detect.js';
import { faceDescriptor } from './descriptor.js';
import { faceStreams, type FaceStreams } from './streams.js';
import { parseFaces, parserAvailability, requireParser, type Parsing } from './parse.js';
import { PARSING_MODEL } from './parsing-classes.js';
import type { Point } from '../../../common/geometry.js';

export class FaceService {
  private readonly detections = new WeakMap<RgbImage, Promise<FaceDetection>>();
  private readonly descriptors = new WeakMap<Face, Promise<Float32Array>>();
  private readonly parsings = new WeakMap<FaceDetection, Promise<Parsing>>();
  /** The models each cached detection ran, noted again whenever the cache answers (PNG credits). */
  private readonly detectionModels = new WeakMap<FaceDetection, string[]>();

  constructor(
    private readonly inference: InferenceService,
    private detector_: DetectorName = DEFAULT_DETECTOR,
    private landmarks_: LandmarkName = DEFAULT_LANDMARKS,
  ) {}

  get detector(): DetectorName {
    return this.detector_;
  }

  /**
   * The detector for photos detected from now on (settings). Photos already analysed keep their
   * faces: the editor, the warp's pinned faces and the streams all index into that one result,
   * so it changes only when the artist asks for it (`redetect`).
   */
  setDetector(detector: DetectorName): void {
    this.detector_ = detector;
  }

  get landmarks(): LandmarkName {
    return this.landmarks_;
  }

  /** The landmark model for photos detected from now on (settings); like setDetector, found faces stay. */
  setLandmarks(landmarks: LandmarkName): void {
    this.landmarks_ = landmarks;
  }

  /** All faces of a photo, largest first; throws 'no-face' when there is none. */
  detect(image: RgbImage): Promise<FaceDetection> {
    let p = this.detections.get(image);
    if (!p) {
      p = this.inference.track(() => detectFaces(this.inference, image, { detector: this.detector_, landmarks: this.landmarks_ })).then(({ value, models }) => {
        this.detectionModels.set(value, models);
        return requireFaces(value);
      });
      this.detections.set(image, p);
      p.catch(() => this.detections.delete(image));
    }
    return p.then((d) => {
      this.inference.note(this.detectionModels.get(d) ?? []);
      return d;
    });
  }

  /** Drops the photo's faces and finds them again with the current detector and landmark model. */
  redetect(image: RgbImage): Promise<FaceDetection> {
    this.detections.delete(image);
    return this.detect(image);
  }

  /**
   * Every face's 68 landmarks, largest face first; none when the photo has no face (or can't be
   * analysed): for the callers that only keep faces out of harm's way (pins, style face weights).
   */
  landmarksOf(image: RgbImage): Promise<Point[][]> {
    return this.detect(image).then((d) => d.faces.map((f) => f.landmarks), () => []);
  }

  async face(image: RgbImage, index: number): Promise<Face> {
    const { faces } = await this.detect(image);
    const face = faces[index];
    if (!face) throw new ServiceError('not-found', `The photo has ${faces.length} face${faces.length === 1 ? '' : 's'}; there is no face number ${index + 1}.`);
    return face;
  }

  /**
   * The photo's face parsing (every face, pasted into image coordinates), once per detection.
   * Throws 'unsupported' with one sentence when the parser is not built or not cleared.
   */
  async parse(image: RgbImage): Promise<Parsing> {
    // Asked every time: the commercial-only setting may have changed since the parsing was cached.
    await requireParser(this.inference);
    const d = await this.detect(image);
    let p = this.parsings.get(d);
    if (!p) {
      p = parseFaces(this.inference, image, d.faces.map((f) => f.landmarks));
      this.parsings.set(d, p);
      p.catch(() => this.parsings.delete(d));
    }
    this.inference.note([PARSING_MODEL]);
    return p;
  }

  /** The parsing when the parser can run, else undefined (callers use landmark polygons). */
  async parseIfAvailable(image: RgbImage): Promise<Parsing | undefined> {
    return (await parserAvailability(this.inference)) === 'ok' ? this.parse(image) : undefined;
  }

  async streams(image: RgbImage, index: number): Promise<FaceStreams> {
    const face = await this.face(image, index);
    return faceStreams(image, face.landmarks, await this.parseIfAvailable(image));
  }

  /** The sitter's identity descriptor (computed once per face). */
  async descriptor(image: RgbImage, index: number): Promise<Float32Array> {
    const face = await this.face(image, index);
    let p = this.descriptors.get(face);
    if (!p) {
      p = faceDescriptor(this.inference, image, face.landmarks);
      this.descriptors.set(face, p);
    }
    return p;
  }
}
