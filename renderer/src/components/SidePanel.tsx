/** The right-hand panel: one tab per factor the artist works on. */
import { useState, type ReactNode } from 'react';
import { editorStore } from '../editor/editor-state';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { FacesPanel } from './FacesPanel';
import { StylesPanel } from '../styles/StylesPanel';
import { WarpPanel } from '../editor/WarpPanel';

export type TabId = 'faces' | 'warp' | 'styles';

export function SidePanel({ photo }: { photo: PhotoEntry }) {
  const [tab, setTab] = useState<TabId>('faces');
  const edit = useStore(editorStore, (s) => s.byPhoto[photo.photoId] ?? null);
  const tabs: Array<{ id: TabId; label: string; body: ReactNode }> = [
    { id: 'faces', label: 'Faces', body: <FacesPanel photoId={photo.photoId} edit={edit} /> },
    { id: 'warp', label: 'Warp', body: <WarpPanel photo={photo} /> },
    { id: 'styles', label: 'Styles', body: <StylesPanel photo={photo} /> },
  ];
  return (
    <aside className="side-panel">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={t.id === tab} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="panel-body" role="tabpanel">
        {tabs.find((t) => t.id === tab)?.body}
      </div>
    </aside>
  );
}
