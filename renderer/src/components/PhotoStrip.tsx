/** The strip of opened photos: click to switch, × to close; the current photo is scrolled into view; photos the host closed for memory stay as placeholders. */
import { useEffect, useRef } from 'react';
import { useClient } from '../api/context';
import { appStore } from '../state/app-state';
import { closedForMemoryText, closePhoto, dismissClosedPhoto } from '../state/photos';
import { useStore } from '../state/store';

export function PhotoStrip({ onOpen }: { onOpen: () => void }) {
  const client = useClient();
  const photos = useStore(appStore, (s) => s.photos);
  const currentId = useStore(appStore, (s) => s.currentId);
  const current = useRef<HTMLDivElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [currentId, photos.length]);
  const closed = useStore(appStore, (s) => s.closedForMemory);
  return (
    <nav className="photo-strip" aria-label="Opened photos">
      {photos.map((p) => (
        <div key={p.photoId} ref={p.photoId === currentId ? current : undefined} className={`thumb${p.photoId === currentId ? ' current' : ''}`} data-testid="photo-thumb">
          <button className="thumb-image" title={`${p.name} — ${p.width}×${p.height}`} onClick={() => appStore.set({ currentId: p.photoId })}>
            <img src={p.previewUrl} alt={p.name} />
          </button>
          <button className="thumb-close" aria-label={`Close ${p.name}`} onClick={() => void closePhoto(client, p.photoId)}>
            ×
          </button>
        </div>
      ))}
      {closed.map((c) => (
        <div key={c.photoId} className="thumb closed" data-testid="photo-closed" title={closedForMemoryText(c.name)}>
          <span className="thumb-closed-label">
            {c.name}
            <br />
            closed to free memory
          </span>
          <button className="thumb-close" aria-label={`Dismiss ${c.name}`} onClick={() => dismissClosedPhoto(c.photoId)}>
            ×
          </button>
        </div>
      ))}
      <button className="thumb add" onClick={onOpen} title="Open photos… (Ctrl+O)">
        +
      </button>
    </nav>
  );
}
