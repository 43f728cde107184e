/**
 * The variation grid in the workspace: R×C cells, each with its seed, style and lock toggles, and
 * above it the blend strip between two cells (Shift+click a second cell).
 */
import { useClient } from '../api/context';
import { useElementSize } from '../components/useImage';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { blendCells, openCellInEditor } from './actions';
import { blendStore, variationsStore } from './variations-state';

function BlendStrip() {
  const { blend, busy } = useStore(blendStore, (x) => x);
  if (!blend && !busy) return null;
  return (
    <section className="blend-strip" data-testid="blend-strip" aria-label="Blend between two cells">
      <span className="muted small">{busy || !blend ? 'Blending…' : `Cell ${blend.from + 1} → cell ${blend.to + 1}`}</span>
      {blend?.steps.map((st) => (
        <figure key={st.t} className={st.plausible ? '' : 'implausible'} title={st.plausible ? `t = ${st.t.toFixed(2)}` : `t = ${st.t.toFixed(2)}: this in-between fails the plausibility filter`}>
          <img src={st.url} alt={`Blend at ${Math.round(st.t * 100)}%`} />
        </figure>
      ))}
      <button className="link" aria-label="Close the blend strip" onClick={() => blendStore.set({ blend: null })}>
        ×
      </button>
    </section>
  );
}

/** Grid padding (both sides), gap between cells, and the caption's two lines, in CSS px (styles.css). */
const PAD = 24;
const GAP = 10;
const CAPTION = 48;

export function VariationGrid({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const s = useStore(variationsStore, (x) => x);
  const cells = s.photoId === photo.photoId ? s.cells : [];
  const total = s.rows * s.cols;
  const [gridRef, size] = useElementSize<HTMLDivElement>();
  // Cells as large as fit the workspace with their two caption lines below the image; the grid
  // scrolls only when even that would make them too small to read (< 160 px).
  const side = Math.floor(Math.max(160, Math.min((size.width - PAD - GAP * (s.cols - 1)) / s.cols, (size.height - PAD - GAP * (s.rows - 1)) / s.rows - CAPTION)));
  return (
    <div className="variation-workspace">
      <BlendStrip />
      <div className="variation-grid" ref={gridRef} style={{ gridTemplateColumns: `repeat(${s.cols}, ${size.width ? `${side}px` : 'minmax(0, 1fr)'})` }} data-testid="variation-grid">
        {Array.from({ length: total }, (_, i) => {
          const c = cells[i];
          const lock = s.locks[i];
          return (
            <figure
              key={i}
              className={`cell${i === s.selected ? ' selected' : ''}`}
              data-testid="variation-cell"
              title="Click to select; Shift+click to blend the selected cell into this one"
              onClick={(e) => {
                if (e.shiftKey && c && i !== s.selected) void blendCells(client, photo, i);
                else variationsStore.set({ selected: i });
              }}
            >
              {c ? <img src={c.url} alt={`Variation ${i + 1}`} /> : <div className="cell-pending">{s.progress ? 'rendering…' : ''}</div>}
              {c && (
                <figcaption>
                  <span title={`geometry seed ${c.seed}, style seed ${c.styleSeed}`}>#{c.seed}</span>
                  <span className="muted" title={c.styleLabel}>{c.styleLabel}</span>
                  <span className="cell-actions">
                    {(['geometry', 'style'] as const).map((k) => (
                      <button
                        key={k}
                        aria-pressed={!!lock?.[k]}
                        title={`Lock this cell's ${k} on reroll`}
                        aria-label={`Lock the ${k} of cell ${i + 1}`}
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
                      aria-label={`Edit cell ${i + 1}`}
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
    </div>
  );
}
