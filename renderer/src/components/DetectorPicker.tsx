/**
 * The face detector and landmark model choices in the Faces tab: which nets find faces and place
 * their 68 points in photos opened from now on, which ones did it for the current photo, and a
 * way to find them again with others.
 */
import { showError } from '../state/notice';
import { useClient } from '../api/context';
import { detectFaces } from '../editor/actions';
import type { PhotoEdit } from '../editor/editor-state';
import { clearPreview } from '../editor/preview';
import { appStore } from '../state/app-state';
import { useStore } from '../state/store';

const CHOICES = [
  ['auto', 'Auto (Tiny YOLO, SSD when unsure)'],
  ['ssd', 'SSD MobileNet (thorough)'],
  ['tiny', 'Tiny YOLO (fastest)'],
  ['hog', 'dlib HOG (old prints, harsh light)'],
] as const;
const USED = { tiny: 'Tiny YOLO', ssd: 'SSD MobileNet', hog: 'dlib HOG' } as const;
const LANDMARK_CHOICES = [
  ['precise', 'Precise (dlib, not for commercial use)'],
  ['fast', 'Fast (face-api)'],
] as const;

type Detector = (typeof CHOICES)[number][0];
type Landmarks = (typeof LANDMARK_CHOICES)[number][0];

export function DetectorPicker({ photoId, edit }: { photoId: string; edit: PhotoEdit | null }) {
  const client = useClient();
  const info = useStore(appStore, (s) => s.info);
  if (!info) return null;

  /** Saves a choice, then shows the settings as the main process now has them. */
  const save = async (change: () => Promise<unknown>) => {
    try {
      await change();
      appStore.set({ info: await client.call('app:info', {}) });
    } catch (e) {
      showError(e);
    }
  };
  const choose = (detector: Detector) => save(() => client.call('faces:setDetector', { detector }));
  const chooseLandmarks = (landmarks: Landmarks) => save(() => client.call('faces:setLandmarks', { landmarks }));

  const again = () => {
    // The photo's edits are geometry relative to the landmarks found; new landmarks void them.
    if (edit?.history.undo.length && !window.confirm('Finding the faces again discards the edits of this photo. Continue?')) return;
    clearPreview();
    void detectFaces(client, photoId, true); // reports its own errors in the panel and the notice
  };

  return (
    <div data-testid="detector">
      <h3>Detector</h3>
      <select aria-label="Face detector" value={info.faceDetector} onChange={(e) => void choose(e.currentTarget.value as Detector)}>
        {CHOICES.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Landmark model" value={info.faceLandmarks} onChange={(e) => void chooseLandmarks(e.currentTarget.value as Landmarks)}>
        {LANDMARK_CHOICES.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
      <div className="row">
        <button onClick={again} disabled={edit?.status === 'detecting'}>
          Find faces again
        </button>
        {edit?.detector && (
          <span className="muted small" data-testid="detector-used">
            found by {USED[edit.detector]}
          </span>
        )}
        {edit?.landmarks && (
          <span className="muted small" data-testid="landmarks-used">
            points by {edit.landmarks === 'precise' ? 'dlib' : 'face-api'}
          </span>
        )}
      </div>
    </div>
  );
}
