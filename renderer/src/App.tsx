/**
 * The studio window: toolbar, photo strip, canvas and panels, status bar. Photos arrive by drop,
 * the file picker or the native menu; every service call goes through the typed client.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostEvent } from '../../common/ipc/contract';
import type { StudioClient } from './api/client';
import { ClientContext } from './api/context';
import { PhotoStrip } from './components/PhotoStrip';
import { SidePanel } from './components/SidePanel';
import { detectFaces } from './editor/actions';
import { EditorCanvas } from './editor/EditorCanvas';
import { VariationGrid } from './variations/VariationGrid';
import { redoEdit, undoEdit } from './editor/editor-state';
import { clearPreview, refreshPreview } from './editor/preview';
import { StatusBar } from './components/StatusBar';
import { appStore, currentPhoto } from './state/app-state';
import { exportImageCommand, exportPresetCommand, importPresetFile, saveSheetCommand } from './state/file-commands';
import { openPhotos, photoClosedByHost, readFiles, type PhotoFile } from './state/photos';
import { useStore } from './state/store';

export function App({ client }: { client: StudioClient }) {
  const photo = useStore(appStore, currentPhoto);
  const mode = useStore(appStore, (s) => s.mode);
  const fileInput = useRef<HTMLInputElement>(null);
  const presetInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const refreshInfo = useCallback(() => {
    client
      .call('app:info', {})
      .then((info) => appStore.set({ info }))
      .catch(() => undefined);
  }, [client]);

  useEffect(refreshInfo, [refreshInfo]);

  useEffect(() => {
    clearPreview();
    if (photo) void detectFaces(client, photo.photoId).then(refreshInfo);
  }, [client, photo, refreshInfo]);

  const history = useCallback(
    (which: 'undo' | 'redo') => {
      const p = currentPhoto(appStore.get());
      if (!p) return;
      const label = which === 'undo' ? undoEdit(p.photoId) : redoEdit(p.photoId);
      if (label) {
        appStore.set({ notice: { kind: 'info', text: `${which === 'undo' ? 'Undid' : 'Redid'}: ${label}` } });
        refreshPreview(client, p);
      }
    },
    [client],
  );

  const openFiles = useCallback(
    async (files: PhotoFile[]) => {
      if (files.length) await openPhotos(client, files);
      refreshInfo();
    },
    [client, refreshInfo],
  );

  const handleMenu = useCallback((e: HostEvent) => {
    if (e.type === 'open-paths') void openFiles(e.paths.map((path) => ({ name: path.split(/[\\/]/).pop() ?? path, path })));
    if (e.type === 'photo-closed') photoClosedByHost(e.photoId, e.name);
    if (e.type !== 'menu') return;
    const zoomBy = (f: number) => appStore.set((s) => ({ zoom: Math.min(16, Math.max(0.1, s.zoom * f)) }));
    switch (e.action) {
      case 'open-photos':
        fileInput.current?.click();
        break;
      case 'zoom-in':
        zoomBy(1.25);
        break;
      case 'zoom-out':
        zoomBy(0.8);
        break;
      case 'zoom-fit':
        appStore.set({ zoom: 1 });
        break;
      case 'toggle-before-after':
        appStore.set((s) => ({ showBefore: !s.showBefore }));
        break;
      case 'undo':
      case 'redo':
        history(e.action);
        break;
      case 'export-image':
        void exportImageCommand(client);
        break;
      case 'save-sheet':
        void saveSheetCommand(client);
        break;
      case 'export-preset':
        void exportPresetCommand(client);
        break;
      case 'import-preset':
        presetInput.current?.click();
        break;
    }
  }, [client, openFiles, history]);

  useEffect(() => client.onEvent(handleMenu), [client, handleMenu]);

  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      const mod = ev.ctrlKey || ev.metaKey;
      // Typing in a text field keeps its own shortcuts; checkboxes, sliders and buttons don't.
      const t = ev.target;
      if (t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && ['text', 'number', 'search'].includes(t.type))) return;
      if (mod && ev.key.toLowerCase() === 'o') {
        ev.preventDefault();
        fileInput.current?.click();
      } else if (mod && ev.shiftKey && ev.key.toLowerCase() === 'e') {
        ev.preventDefault();
        void exportImageCommand(client);
      } else if (mod && ev.key.toLowerCase() === 'z') {
        ev.preventDefault();
        history(ev.shiftKey ? 'redo' : 'undo');
      } else if (mod && ev.key.toLowerCase() === 'y') {
        ev.preventDefault();
        history('redo');
      } else if (mod && (ev.key === '=' || ev.key === '+')) {
        ev.preventDefault();
        handleMenu({ type: 'menu', action: 'zoom-in' });
      } else if (mod && ev.key === '-') {
        ev.preventDefault();
        handleMenu({ type: 'menu', action: 'zoom-out' });
      } else if (mod && ev.key === '0') {
        ev.preventDefault();
        handleMenu({ type: 'menu', action: 'zoom-fit' });
      } else if (!mod && ev.key === '\\') {
        handleMenu({ type: 'menu', action: 'toggle-before-after' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, handleMenu, history]);

  return (
    <ClientContext.Provider value={client}>
      <div
        className={`app${dragging ? ' dragging' : ''}`}
        data-testid="app"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setDragging(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFiles(e.dataTransfer.files).then(openFiles);
        }}
      >
        <header className="toolbar">
          <span className="brand">Caricature Studio</span>
          <button onClick={() => fileInput.current?.click()} title="Open photos… (Ctrl+O)">
            Open photos…
          </button>
          <button onClick={() => history('undo')} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button onClick={() => history('redo')} title="Redo (Ctrl+Shift+Z / Ctrl+Y)">
            Redo
          </button>
          <button onClick={() => void exportImageCommand(client)} disabled={!photo} title="Export the caricature as PNG at full resolution (Ctrl+Shift+E)" data-testid="export-image">
            Export image…
          </button>
          <span className="spacer" />
          <button onClick={() => handleMenu({ type: 'menu', action: 'zoom-out' })} title="Zoom out (Ctrl+-)">
            −
          </button>
          <button onClick={() => handleMenu({ type: 'menu', action: 'zoom-fit' })} title="Fit (Ctrl+0)">
            Fit
          </button>
          <button onClick={() => handleMenu({ type: 'menu', action: 'zoom-in' })} title="Zoom in (Ctrl+=)">
            +
          </button>
          <button
            aria-pressed={useStore(appStore, (s) => s.showBefore)}
            onClick={() => handleMenu({ type: 'menu', action: 'toggle-before-after' })}
            title="Before / after (\)"
          >
            Before/After
          </button>
        </header>
        <PhotoStrip onOpen={() => fileInput.current?.click()} />
        <main className="workspace">
          {photo ? (
            mode === 'variations' ? <VariationGrid photo={photo} /> : <EditorCanvas photo={photo} />
          ) : (
            <div className="empty-state" data-testid="empty-state">
              <h1>Drop face photos here</h1>
              <p>JPEG, PNG, WebP or TIFF — one or many. Or use Open photos… (Ctrl+O).</p>
            </div>
          )}
        </main>
        {photo && <SidePanel photo={photo} />}
        <StatusBar />
        <input
          ref={presetInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void importPresetFile(client, f);
          }}
        />
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/tiff"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const files = e.currentTarget.files;
            if (files) void readFiles(files).then(openFiles);
            e.currentTarget.value = '';
          }}
        />
      </div>
    </ClientContext.Provider>
  );
}
