/**
 * Style gallery: every style as a thumbnail rendered on the current face (lazily, cached, with
 * progress), strength / colour / region controls, and user styles made by dropping an artwork.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { IpcError } from '../api/client';
import { useClient } from '../api/context';
import { beginGesture, commitGesture, commitStyle, currentFace, editorStore, NO_STYLE, setStyleLive, type PhotoStyle } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { readFiles } from '../state/photos';
import { useStore } from '../state/store';
import { cancelFullRender, renderSelectedStyle } from './render';
import type { StyleRegion } from '../../../common/names';
import { marksAvailable, styleStore, type ArtworkEngine, type StyleEntry } from './style-state';
import { notify, perform, showError } from '../state/notice';
import { downloadOrSave } from '../state/save';

const REGIONS: Array<[StyleRegion, string]> = [
  ['whole', 'Whole image'],
  ['face', 'Face'],
  ['organs', 'Organs'],
  ['texture', 'Texture'],
  ['hair', 'Hair'],
  ['background', 'Background'],
];

/** What the gallery card says about how a style is rendered. */
const ENGINE_LABEL: Record<StyleEntry['engine'], string> = {
  marks: 'marks',
  texture: 'colour and texture',
  drawing: 'drawing',
  learned: 'learned',
};

export function StylesPanel({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const s = useStore(styleStore, (x) => x);
  const edit = useStore(editorStore, (x) => x.byPhoto[photo.photoId] ?? null);
  const style = edit?.style ?? NO_STYLE;
  const face = currentFace(edit);
  const thumbKey = `${photo.photoId}#${edit?.face ?? 0}`;
  const thumbs = s.thumbs[thumbKey] ?? {};
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const artworkInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);

  const loadList = useCallback(
    () =>
      client.call('style:list', {}).then((r) => {
        styleStore.set({ styles: r.styles });
        if (r.skipped.length) notify('styles-skipped', 'warning', r.skipped.join(' '));
      }, showError),
    [client],
  );
  useEffect(() => {
    void loadList();
  }, [loadList]);

  // Thumbnails of styles not yet rendered on this face, in one cancellable job.
  const missing = s.styles.filter((st) => !thumbs[st.id]).map((st) => st.id);
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missing.length || (edit && edit.status === 'detecting')) return;
    const jobId = `thumbs-${Date.now().toString(36)}`;
    let live = true;
    setProgress({ done: 0, total: missing.length });
    client
      .call(
        'style:thumbnails',
        { photoId: photo.photoId, styleIds: missing, ...(face ? { face: { landmarks: face.source } } : {}) },
        { jobId, onProgress: (p) => live && setProgress({ done: p.done, total: p.total }) },
      )
      .then((r) => {
        if (live) setProgress(null);
        const urls: Record<string, string> = {};
        for (const t of r.thumbnails) urls[t.id] = URL.createObjectURL(new Blob([t.image as BlobPart], { type: 'image/jpeg' }));
        styleStore.set((st) => ({ thumbs: { ...st.thumbs, [thumbKey]: { ...(st.thumbs[thumbKey] ?? {}), ...urls } } }));
      })
      .catch((e: unknown) => live && !(e instanceof IpcError && e.code === 'cancelled') && showError(e))
      .finally(() => live && setProgress(null));
    return () => {
      live = false;
      setProgress(null);
      void client.call('jobs:cancel', { jobId }).catch(() => undefined);
    };
  }, [client, photo.photoId, thumbKey, missingKey, edit?.status]);

  // A style choice is an edit of the photo, on its undo history; the canvas re-renders on every
  // change of style or geometry.
  const choose = useCallback(
    (label: string, next: Partial<PhotoStyle>) => {
      const current = editorStore.get().byPhoto[photo.photoId]?.style ?? NO_STYLE;
      commitStyle(photo.photoId, label, { ...current, ...next });
    },
    [photo.photoId],
  );
  const pick = (styleId: string | null) => choose(styleId ? `Style: ${s.styles.find((x) => x.id === styleId)?.name ?? styleId}` : 'No style', { id: styleId });

  const addArtworks = async (files: FileList | File[]) => {
    for (const f of await readFiles(files as FileList)) {
      appStore.set({ busy: { label: `Learning the style of ${f.name}…` } });
      try {
        const entry = await client.call('style:addArtwork', { name: f.name.replace(/\.[^.]+$/, '').slice(0, 100) || 'Artwork', bytes: f.bytes, keepImage: true });
        await loadList();
        pick(entry.id);
        notify('style-added', 'info', `Added style “${entry.name}” from the artwork.`);
      } catch (e) {
        showError(e);
      } finally {
        appStore.set({ busy: null });
      }
    }
  };

  const selected = s.styles.find((x) => x.id === style.id) ?? null;
  // The engine and patch size are session choices, not on the photo's history: re-render at once.
  const rerender = () => void renderSelectedStyle(client, photo);
  return (
    <div
      data-testid="styles-panel"
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
      onDrop={(e) => {
        // An artwork dropped on the gallery becomes a style, not a photo.
        e.preventDefault();
        e.stopPropagation();
        void addArtworks(e.dataTransfer.files);
      }}
    >
      <h3>Controls</h3>
      <div className="row">
        <label htmlFor="style-strength">Strength</label>
        <input
          id="style-strength"
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={style.strength}
          onChange={(e) => {
            beginGesture(photo.photoId, 'Style strength');
            setStyleLive(photo.photoId, { ...style, strength: Number(e.currentTarget.value) });
          }}
          onPointerUp={() => commitGesture(photo.photoId)}
          onKeyUp={() => commitGesture(photo.photoId)}
        />
        <span className="value">{Math.round(style.strength * 100)}%</span>
      </div>
      <label className="check">
        <input type="checkbox" checked={style.preserveColor} onChange={(e) => choose('Preserve colours', { preserveColor: e.currentTarget.checked })} /> Preserve original colours
      </label>
      {marksAvailable(selected) && (
        <>
          <div className="row">
            <label htmlFor="style-engine">Engine</label>
            <select id="style-engine" value={s.engine} onChange={(e) => { styleStore.set({ engine: e.currentTarget.value as ArtworkEngine }); rerender(); }}>
              <option value="marks" title="Guided synthesis from the artwork's own strokes: a preview at once, then the full render">Marks (guided synthesis)</option>
              <option value="texture" title="The artwork's colours and texture as a fast grade of the photo">Colour and texture (fast)</option>
            </select>
          </div>
          {s.engine === 'marks' && (
            <div className="row">
              <label htmlFor="style-detail">Patch size</label>
              <input id="style-detail" type="range" min={1} max={4} step={1} value={s.detail} onChange={(e) => styleStore.set({ detail: Number(e.currentTarget.value) })} onPointerUp={rerender} onKeyUp={rerender} />
              <span className="value">{2 * s.detail + 1} px</span>
            </div>
          )}
          {s.engine === 'marks' && (
            <div className="row">
              <label htmlFor="style-strokes" title="How much of the artwork's own strokes: this share for a drawing, less for a painting or a poster (its square: 70% gives 49%), whose look the sitter already takes; the rest follows the sitter's lines exactly">Strokes</label>
              <input id="style-strokes" type="range" min={0} max={1} step={0.05} value={s.strokes} onChange={(e) => styleStore.set({ strokes: Number(e.currentTarget.value) })} onPointerUp={rerender} onKeyUp={rerender} />
              <span className="value">{Math.round(s.strokes * 100)}%</span>
            </div>
          )}
        </>
      )}
      {s.fullRender && (
        <div className="row" data-testid="full-render">
          <progress max={100} value={s.fullRender.percent} aria-label="Full-resolution render" />
          <span className="value">{s.fullRender.percent}%</span>
          <button data-testid="cancel-full-render" onClick={() => cancelFullRender(client)}>Cancel</button>
        </div>
      )}
      <div className="row">
        <label htmlFor="style-region">Apply to</label>
        <select id="style-region" value={style.region} onChange={(e) => choose('Style region', { region: e.currentTarget.value as StyleRegion })}>
          {REGIONS.map(([v, l]) => (
            <option key={v} value={v} disabled={v !== 'whole' && !face}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <h3>
        Gallery {progress && <span className="muted small">rendering {progress.done}/{progress.total}…</span>}
      </h3>
      <div className="gallery" role="listbox" aria-label="Styles">
        <button className="style-card" role="option" aria-selected={!style.id} onClick={() => pick(null)}>
          <div className="style-thumb none">Photo</div>
          <span>No style</span>
        </button>
        {s.styles.map((st) => (
          <button key={st.id} className="style-card" role="option" aria-selected={st.id === style.id} data-testid="style-card" data-style-id={st.id} onClick={() => pick(st.id)} title={st.source ? `${st.source.title} — ${st.source.artist} (${st.source.licence})` : st.name}>
            {thumbs[st.id] ? <img className="style-thumb" src={thumbs[st.id]} alt="" /> : <div className="style-thumb loading" />}
            <span>{st.name}</span>
            {st.kind !== 'drawing' && <em className="kind">{st.kind === 'user' ? 'yours' : st.kind === 'learned' ? 'learned' : 'artwork'}</em>}
            <em className="kind engine" data-testid="style-engine">{ENGINE_LABEL[st.engine]}</em>
          </button>
        ))}
      </div>
      <div className="row wrap">
        <button onClick={() => artworkInput.current?.click()}>Add artwork as style…</button>
        <button onClick={() => importInput.current?.click()}>Import style…</button>
      </div>
      <p className="muted small">Or drop an artwork image on the gallery.</p>
      {selected?.kind === 'user' && (
        <>
          <h3>{selected.name}</h3>
          <div className="row wrap">
            <button
              onClick={perform(async () => {
                const name = window.prompt('New name for this style', selected.name)?.trim();
                if (!name) return;
                await client.call('style:rename', { id: selected.id, name });
                await loadList();
              })}
            >
              Rename…
            </button>
            <button onClick={perform(async () => { const r = await client.call('style:export', { id: selected.id }); await downloadOrSave(client, `${selected.name}.style.json`, 'json', new TextEncoder().encode(r.json)); })}>
              Export…
            </button>
            <button
              onClick={perform(async () => {
                if (!window.confirm(`Delete the style “${selected.name}”?`)) return;
                await client.call('style:delete', { id: selected.id });
                pick(null);
                await loadList();
              })}
            >
              Delete
            </button>
          </div>
        </>
      )}
      <input ref={artworkInput} type="file" accept="image/*" hidden data-testid="artwork-input" onChange={(e) => { if (e.currentTarget.files) void addArtworks(e.currentTarget.files); e.currentTarget.value = ''; }} />
      <input
        ref={importInput}
        type="file"
        accept="application/json,.json"
        hidden
        onChange={perform(async (e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (!f) return;
          await client.call('style:import', { json: await f.text() });
          await loadList();
        })}
      />
    </div>
  );
}
