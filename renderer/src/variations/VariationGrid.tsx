/** The variation grid in the workspace: R×C cells, each with its seed, style and lock toggles. */
import { useClient } from '../api/context';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { openCellInEditor } from './actions';
import { variationsStore } from './variations-state';

export function VariationGrid({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const s = useStore(variationsStore, (x) => x);
  const cells = s.photoId === photo.photoId ? s.cells : [];
  const total = s.rows * s.cols;
  return (
    <div className="variation-grid" style={{ gridTemplateColumns: `repeat(${s.cols}, minmax(0, 1fr))` }} data-testid="variation-grid">
      {Array.from({ length: total }, (_, i) => {
        const c = cells[i];
        const lock = s.locks[i];
        return (
          <figure key={i} className={`cell${i === s.selected ? ' selected' : ''}`} data-testid="variation-cell" onClick={() => variationsStore.set({ selected: i })}>
            {c ? <img src={c.url} alt={`Variation ${i + 1}`} /> : <div className="cell-pending">{s.progress ? 'rendering…' : ''}</div>}
            {c && (
              <figcaption>
                <span title={`geometry seed ${c.seed}, style seed ${c.styleSeed}`}>#{c.seed}</span>
                <span className="muted">{c.styleLabel}</span>
                <span className="cell-actions">
                  {(['geometry', 'style'] as const).map((k) => (
                    <button
                      key={k}
                      aria-pressed={!!lock?.[k]}
                      title={`Lock this cell's ${k} on reroll`}
                      onClick={(e) => {
                        e.stopPropagation();
                        variationsStore.set((st) => ({ locks: st.locks.map((l, j) => (j === i ? { ...l, [k]: !l[k] } : l)) }));
                      }}
                    >
                      {k === 'geometry' ? 'G' : 'S'}
                    </button>
                  ))}
                  <button
                    title="Open in the editor"
                    data-testid="open-cell"
                    onClick={(e) => {
                      e.stopPropagation();
                      void openCellInEditor(client, photo, c);
                    }}
                  >
                    Edit
                  </button>
                </span>
              </figcaption>
            )}
          </figure>
        );
      })}
    </div>
  );
}
