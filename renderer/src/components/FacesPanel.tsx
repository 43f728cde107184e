/** Faces tab: the face picker, per-face warnings, and the DFN input streams of the chosen face. */
import { useEffect, useState } from 'react';
import { IpcError } from '../api/client';
import { useClient } from '../api/context';
import { editorStore, patchPhoto, type PhotoEdit } from '../editor/editor-state';
import { DetectorPicker } from './DetectorPicker';
import { useStore } from '../state/store';
import { appStore } from '../state/app-state';
import { loadParsing, parsingStore } from './parsing-state';

function useBlobUrl(bytes: Uint8Array | undefined, type: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!bytes) return setUrl(null);
    const u = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [bytes, type]);
  return url;
}

type Streams = { landmarks: Uint8Array; texture: Uint8Array; organs: Uint8Array };

export function FacesPanel({ photoId, edit }: { photoId: string; edit: PhotoEdit | null }) {
  const client = useClient();
  const symmetry = useStore(editorStore, (s) => s.symmetry);
  const showHandles = useStore(editorStore, (s) => s.showHandles);
  const [streams, setStreams] = useState<Streams | null>(null);
  const [streamError, setStreamError] = useState<string | null>(null);
  const face = edit?.face ?? 0;
  const ready = edit?.status === 'ready';
  const showParsing = useStore(parsingStore, (s) => s.show);
  const commercialOnly = useStore(appStore, (s) => s.info?.commercialOnly);
  const parsing = useStore(parsingStore, (s) => s.byPhoto[photoId]);
  useEffect(() => {
    if (showParsing && ready) void loadParsing(client, photoId);
  }, [client, photoId, ready, showParsing, parsing]);

  useEffect(() => {
    setStreams(null);
    setStreamError(null);
    if (!ready) return;
    let live = true;
    client
      .call('faces:streams', { photoId, face })
      .then((s) => live && setStreams(s))
      .catch((e: unknown) => live && setStreamError(e instanceof IpcError ? e.message : String(e)));
    return () => {
      live = false;
    };
    // The commercial-only setting decides whether the organ masks follow the parser or the landmarks.
  }, [client, photoId, face, ready, commercialOnly]);

  const lm = useBlobUrl(streams?.landmarks, 'image/png');
  const tx = useBlobUrl(streams?.texture, 'image/png');
  const og = useBlobUrl(streams?.organs, 'image/png');

  if (!edit || edit.status === 'detecting') return <p className="muted">Finding faces…</p>;
  if (edit.status !== 'ready')
    return (
      <div>
        <p className="panel-message" data-testid="faces-message">
          {edit.message}
        </p>
        <DetectorPicker photoId={photoId} edit={edit} />
      </div>
    );

  return (
    <div data-testid="faces-panel">
      <h3>Faces ({edit.faces.length})</h3>
      <div className="face-picker" role="listbox" aria-label="Faces in this photo">
        {edit.faces.map((f, i) => (
          <button
            key={i}
            role="option"
            aria-selected={i === face}
            onClick={() => patchPhoto(photoId, { face: i, selection: [] })}
            title={`Face ${i + 1}: ${Math.round(f.box[2])}×${Math.round(f.box[3])} px, score ${f.score.toFixed(2)}`}
          >
            {i + 1}
          </button>
        ))}
      </div>
      {edit.faces[face]?.warnings.map((w) => (
        <p key={w} className="warning-text">
          {w}
        </p>
      ))}
      <h3>Handles</h3>
      <label className="check">
        <input type="checkbox" checked={symmetry} onChange={(e) => editorStore.set({ symmetry: e.currentTarget.checked })} /> Symmetry lock
      </label>
      <label className="check">
        <input type="checkbox" checked={showHandles} onChange={(e) => editorStore.set({ showHandles: e.currentTarget.checked })} /> Show landmarks
      </label>
      <label className="check">
        <input type="checkbox" data-testid="show-parsing" checked={showParsing} onChange={(e) => parsingStore.set({ show: e.currentTarget.checked })} /> Show face parsing
      </label>
      {showParsing && parsing?.status === 'loading' && <p className="muted small">Parsing the faces…</p>}
      {showParsing && parsing?.status === 'error' && (
        <p className="warning-text" data-testid="parsing-message">
          {parsing.message}
        </p>
      )}
      {showParsing && parsing?.status === 'ready' && (
        <ul className="parsing-legend" data-testid="parsing-legend">
          {parsing.classes.map((c, i) =>
            i === 0 ? null : (
              <li key={c}>
                <span className="swatch" style={{ background: `rgb(${parsing.colours[i]!.join(',')})` }} />
                {c.replace('_', ' ')}
              </li>
            ),
          )}
        </ul>
      )}
      <p className="muted small">Drag a handle to reshape. Shift+drag to box-select, Shift+click to add to the selection.</p>
      <h3>Input streams (DFN)</h3>
      {streamError && <p className="error-text">{streamError}</p>}
      <div className="streams" data-testid="streams">
        {[
          ['Landmarks', lm],
          ['Texture', tx],
          ['Organs', og],
        ].map(([label, url]) => (
          <figure key={label}>
            {url ? <img src={url} alt={`${label} stream`} /> : <div className="stream-placeholder" />}
            <figcaption>{label}</figcaption>
          </figure>
        ))}
      </div>
      <DetectorPicker photoId={photoId} edit={edit} />
    </div>
  );
}
