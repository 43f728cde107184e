/**
 * Warp tab: the identity meter, exaggeration (global k and per-region gains), Face-Aware-Liquify
 * style region sliders, reset, and the preset panel. Every control edits the face's geometry:
 * live while it moves, one undoable command when it is released.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { REGION_NAMES, regionIndices, type Region } from '../../../common/face68/regions';
import { SLIDER_NAMES, SLIDER_REGION, type SliderName } from '../../../common/warp/sliders';
import { likeness } from '../../../common/likeness/meter';
import { canonicalOffsets, HEAD_MAX, HEAD_MIN } from '../../../common/warp/compose';
import { useClient } from '../api/context';
import type { PhotoEntry } from '../state/app-state';
import { notify, perform, showError } from '../state/notice';
import { downloadOrSave } from '../state/save';
import { useStore } from '../state/store';
import { beginGesture, commitGeometry, commitGesture, currentFace, editorStore, photoEdit, setGeometryLive } from './editor-state';
import { neutralGeometry, zeroOffsets, type FaceGeometry } from './geometry';
import { useLikeness } from './likeness';
import { requestPreview } from './preview';

const SLIDER_LABELS: Record<SliderName, string> = {
  eyeSize: 'Eye size',
  eyeDistance: 'Eye distance',
  eyeTilt: 'Eye tilt',
  noseWidth: 'Nose width',
  noseLength: 'Nose length',
  mouthWidth: 'Mouth width',
  smile: 'Smile',
  upperLip: 'Upper lip',
  lowerLip: 'Lower lip',
  chinHeight: 'Chin height',
  jawWidth: 'Jaw width',
  foreheadHeight: 'Forehead height',
  faceWidth: 'Face width',
};

type Preset = { id: string; name: string; notes: string; builtin: boolean };

export function WarpPanel({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const edit = useStore(editorStore, (s) => s.byPhoto[photo.photoId] ?? null);
  const cosine = useLikeness(client, photo.photoId);
  const face = currentFace(edit);
  /** A slider pull in progress was cancelled (Esc): ignore its moves until the pointer lets go. */
  const cancelled = useRef(false);
  const sliding = useRef(false);
  const [presets, setPresets] = useState<Preset[]>([]);
  const importInput = useRef<HTMLInputElement>(null);

  const loadPresets = useCallback(() => client.call('presets:list', {}).then((r) => setPresets(r.presets), showError), [client]);
  useEffect(() => {
    void loadPresets();
  }, [loadPresets]);

  if (!face || !edit) return <p className="muted">Open a photo with a face to warp it.</p>;
  const g = face.geometry;

  // A slider pull is a gesture: the first move sets the history mark, the release commits one
  // command, Esc (actions/table.ts) bails back to the mark.
  const onInput = (label: string, next: FaceGeometry) => {
    // A move that arrives after Esc bailed the pull (the pointer is still down) stays cancelled.
    if (sliding.current && !photoEdit(photo.photoId)?.history.mark) cancelled.current = true;
    sliding.current = true;
    if (cancelled.current) return;
    beginGesture(photo.photoId, label);
    setGeometryLive(photo.photoId, next);
    requestPreview(client, photo, 'live');
  };
  const release = () => {
    const wasCancelled = cancelled.current;
    cancelled.current = false;
    sliding.current = false;
    if (wasCancelled || !photoEdit(photo.photoId)?.history.mark) return;
    commitGesture(photo.photoId);
    requestPreview(client, photo, 'final');
  };
  const commit = (label: string, next: FaceGeometry) => {
    commitGeometry(photo.photoId, label, next);
    requestPreview(client, photo, 'final');
  };
  const slider = (key: string, label: string, value: number, min: number, max: number, onValue: (v: number) => FaceGeometry, commitLabel: string) => (
    <div className="row" key={key}>
      <label htmlFor={`s-${key}`}>{label}</label>
      <input
        id={`s-${key}`}
        type="range"
        min={min}
        max={max}
        step={0.01}
        value={value}
        onChange={(e) => onInput(commitLabel, onValue(Number(e.currentTarget.value)))}
        onPointerUp={release}
        onKeyUp={(e) => e.key !== 'Escape' && release()}
        onDoubleClick={() => commit(commitLabel, onValue(min < 0 ? 0 : 1))}
      />
      <span className="value">{value.toFixed(2)}</span>
    </div>
  );
  const setGain = (r: 'global' | Region, v: number): FaceGeometry => ({ ...g, gains: { ...g.gains, [r]: v } });
  const setSlider = (n: SliderName, v: number): FaceGeometry => ({ ...g, sliders: { ...g.sliders, [n]: v } });
  // A region's reset clears everything that moves it: its gain, the drags of its points and
  // the feature sliders that act on it.
  const resetRegion = (r: Region) => {
    const idx = new Set(regionIndices(r));
    const { [r]: _dropped, ...gains } = g.gains as Record<string, number>;
    const sliders = Object.fromEntries(Object.entries(g.sliders).filter(([n]) => SLIDER_REGION[n as SliderName] !== r));
    commit(`Reset ${r}`, { ...g, gains, sliders, offsets: g.offsets.map((o, i) => (idx.has(i) ? [0, 0] : o)) });
  };
  const applyPreset = async (p: Preset) => {
    try {
      const r = await client.call('presets:apply', { photoId: photo.photoId, face: edit.face, source: face.source, presetId: p.id });
      commit(`Preset: ${p.name}`, { gains: {}, sliders: {}, offsets: canonicalOffsets(face.source, r.target) });
    } catch (e) {
      showError(e);
    }
  };
  const meter = cosine === null ? null : likeness(cosine);

  return (
    <div data-testid="warp-panel">
      <h3>Likeness{edit.faces.length > 1 ? ` of face ${edit.face + 1}` : ''}</h3>
      <div className="identity" title={cosine === null ? 'Measuring…' : `Recognition cosine ${cosine.toFixed(3)}: 0 % is as alike as a typical stranger, 100 % the photo itself`}>
        <div className="identity-bar">
          <div className={`identity-fill ${meter?.level ?? ''}`} style={{ width: `${(meter?.value ?? 0) * 100}%` }} />
        </div>
        <span data-testid="identity-value">{meter === null ? 'measuring…' : `${Math.round(meter.value * 100)}%`}</span>
      </div>
      <p className="small likeness-words" data-testid="likeness-words">
        {meter?.words ?? ' '}
      </p>
      <h3>Exaggeration</h3>
      {slider('k', 'Overall (k)', g.gains.global ?? 1, 0, 3, (v) => setGain('global', v), 'Exaggerate')}
      {slider('head', 'Head size', g.head ?? 1, HEAD_MIN, HEAD_MAX, (v) => ({ ...g, head: v }), 'Head size')}
      {REGION_NAMES.map((r) => slider(`gain-${r}`, r[0]!.toUpperCase() + r.slice(1), g.gains[r] ?? 1, 0, 3, (v) => setGain(r, v), `Exaggerate ${r}`))}
      <h3>Features</h3>
      {SLIDER_NAMES.map((n) => slider(n, SLIDER_LABELS[n], g.sliders[n] ?? 0, -1, 1, (v) => setSlider(n, v), SLIDER_LABELS[n]))}
      <h3>Reset</h3>
      <div className="row wrap">
        {(['jaw', 'brows', 'eyes', 'nose', 'mouth'] as Region[]).map((r) => (
          <button key={r} onClick={() => resetRegion(r)}>
            {r}
          </button>
        ))}
        <button onClick={() => commit('Reset all', { ...neutralGeometry(), offsets: zeroOffsets() })}>All</button>
      </div>
      <h3>Presets</h3>
      <ul className="preset-list" data-testid="preset-list">
        {presets.map((p) => (
          <li key={p.id}>
            <button className="link preset-name" onClick={() => void applyPreset(p)} title={p.notes || p.name}>
              {p.name}
            </button>
            <button className="link" title="Export preset…" aria-label={`Export ${p.name}`} onClick={perform(async () => { const r = await client.call('presets:export', { id: p.id }); await downloadOrSave(client, r.fileName, 'json', new TextEncoder().encode(r.json)); })}>
              ⤓
            </button>
            {!p.builtin && (
              <button className="link" aria-label={`Delete ${p.name}`} onClick={() => window.confirm(`Delete the preset “${p.name}”?`) && void client.call('presets:delete', { id: p.id }).then(loadPresets, showError)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="row wrap">
        <button
          data-testid="save-preset"
          onClick={perform(async () => {
            const name = window.prompt('Name of the new preset', 'My caricature')?.trim();
            if (!name) return;
            await client.call('presets:save', { photoId: photo.photoId, face: edit.face, source: face.source, target: face.target, name });
            await loadPresets();
          })}
        >
          Save current as preset…
        </button>
        <button onClick={() => importInput.current?.click()}>Import preset…</button>
      </div>
      <input
        ref={importInput}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="preset-import"
        onChange={perform(async (e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!f) return;
          const r = await client.call('presets:import', { json: await f.text() });
          notify('preset-import', 'info', `Imported preset “${r.name}”.`);
          await loadPresets();
        })}
      />
    </div>
  );
}
