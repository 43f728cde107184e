/** The right-hand panel: one tab per factor the artist works on. */
import { useState, type ReactNode } from 'react';
import { appStore } from '../state/app-state';
import { editorStore } from '../editor/editor-state';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { FacesPanel } from './FacesPanel';
import { StylesPanel } from '../styles/StylesPanel';
import { WarpPanel } from '../editor/WarpPanel';
import { VariationsPanel } from '../variations/VariationsPanel';

export type TabId = 'faces' | 'warp' | 'styles' | 'variations';

export function SidePanel({ photo }: { photo: PhotoEntry }) {
  const [tab, setTab] = useState<TabId>('faces');
  const edit = useStore(editorStore, (s) => s.byPhoto[photo.photoId] ?? null);
  const mode = useStore(appStore, (s) => s.mode);
  // The Variations tab owns the workspace (the grid); "open in editor" from a cell hands it back.
  const active: TabId = mode === 'variations' ? 'variations' : tab === 'variations' ? 'warp' : tab;
  const select = (id: TabId) => {
    setTab(id);
    appStore.set({ mode: id === 'variations' ? 'variations' : 'editor' });
  };
  const tabs: Array<{ id: TabId; label: string; body: ReactNode }> = [
    { id: 'faces', label: 'Faces', body: <FacesPanel photoId={photo.photoId} edit={edit} /> },
    { id: 'warp', label: 'Warp', body: <WarpPanel photo={photo} /> },
    { id: 'styles', label: 'Styles', body: <StylesPanel photo={photo} /> },
    { id: 'variations', label: 'Variations', body: <VariationsPanel photo={photo} /> },
  ];
  return (
    <aside className="side-panel">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === active} onClick={() => select(t.id)} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel-body" role="tabpanel">
        {tabs.find((t) => t.id === active)?.body}
      </div>
    </aside>
  );
}
