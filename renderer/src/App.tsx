/**
 * The studio window: toolbar, photo strip, canvas and panels, status bar. Photos arrive by drop,
 * the file picker or the native menu; toolbar, keys and menu perform the actions of one table
 * (common/actions.ts, actions/table.ts); every service call goes through the typed client.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ACTIONS, shortcutText, type ActionName } from '../../common/actions';
import type { HostEvent } from '../../common/ipc/contract';
import { actionForKey, performAction, type ActionContext } from './actions/table';
import type { StudioClient } from './api/client';
import { ClientContext } from './api/context';
import { PhotoStrip } from './components/PhotoStrip';
import { SidePanel } from './components/SidePanel';
import { detectFaces } from './editor/actions';
import { EditorCanvas } from './editor/EditorCanvas';
import { VariationGrid } from './variations/VariationGrid';
import { photoEdit } from './editor/editor-state';
import { clearPreview, refreshPreview } from './editor/preview';
import { anyEdited } from './editor/warp-request';
import { showError } from './state/notice';
import { hasUnsavedEdits, restoreSession } from './state/session';
import { styleStore } from './styles/style-state';
import { StatusBar } from './components/StatusBar';
import { appStore, currentPhoto } from './state/app-state';
import { importPresetFile } from './state/file-commands';
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
    void restoreSession(client);
    // The browser asks before a close or reload would drop edits that were never exported.
    const warn = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedEdits()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [client]);
  // The style names for the canvas badge, before the Styles tab is ever opened.
  useEffect(() => {
    client.call('style:list', {}).then((r) => styleStore.set({ styles: r.styles }), showError);
  }, [client]);

  useEffect(() => {
    clearPreview();
    if (!photo) return;
    void detectFaces(client, photo.photoId).then(() => {
      refreshInfo();
      // A photo shown again keeps its caricature on screen.
      if (anyEdited(photoEdit(photo.photoId))) refreshPreview(client, photo);
    });
  }, [client, photo, refreshInfo]);

  const ctx: ActionContext = useMemo(() => ({ client, pickPhotos: () => fileInput.current?.click(), pickPreset: () => presetInput.current?.click() }), [client]);
  const act = useCallback((name: ActionName) => performAction(name, ctx), [ctx]);

  const openFiles = useCallback(
    async (files: PhotoFile[]) => {
      if (files.length) await openPhotos(client, files);
      refreshInfo();
    },
    [client, refreshInfo],
  );

  useEffect(
    () =>
      client.onEvent((e: HostEvent) => {
        if (e.type === 'open-paths') void openFiles(e.paths.map((path) => ({ name: path.split(/[\\/]/).pop() ?? path, path })));
        if (e.type === 'photo-closed') photoClosedByHost(e.photoId, e.name);
        if (e.type === 'menu') act(e.action);
      }),
    [client, openFiles, act],
  );

  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      // Typing in a text field keeps its own shortcuts; checkboxes, sliders and buttons don't.
      const t = ev.target;
      if (t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && ['text', 'number', 'search'].includes(t.type))) return;
      const name = actionForKey(ev);
      if (!name) return;
      ev.preventDefault();
      act(name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  const tool = (name: ActionName, text: string, extra: { disabled?: boolean; pressed?: boolean; testId?: string; title?: string } = {}) => {
    const { label, shortcut } = ACTIONS[name];
    return (
      <button onClick={() => act(name)} disabled={extra.disabled} aria-pressed={extra.pressed} data-testid={extra.testId} title={`${extra.title ?? label}${shortcut ? ` (${shortcutText(shortcut)})` : ''}`}>
        {text}
      </button>
    );
  };
  const showBefore = useStore(appStore, (s) => s.showBefore);

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
          {tool('open-photos', 'Open photos…')}
          {tool('undo', 'Undo')}
          {tool('redo', 'Redo')}
          {tool('export-image', 'Export image…', { disabled: !photo, testId: 'export-image', title: 'Export the caricature as PNG at full resolution' })}
          <span className="spacer" />
          {tool('zoom-out', '−')}
          {tool('zoom-fit', 'Fit')}
          {tool('zoom-in', '+')}
          {tool('toggle-before-after', 'Before/After', { pressed: showBefore })}
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
