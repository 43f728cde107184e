/**
 * "Only models cleared for commercial use": hides and refuses models whose licence or training
 * data excludes commercial use (face parsing → landmark-polygon masks, the learned cartoon style
 * hidden). Saved in the settings; the style list and the parsing overlay follow.
 */
import type { StudioClient } from '../api/client';
import { useClient } from '../api/context';
import { editorStore, NO_STYLE } from '../editor/editor-state';
import { appStore } from '../state/app-state';
import { showError } from '../state/notice';
import { useStore } from '../state/store';
import { styleStore } from '../styles/style-state';
import { resetParsing } from './parsing-state';

async function setCommercialOnly(client: StudioClient, on: boolean): Promise<void> {
  try {
    await client.call('app:setCommercialOnly', { on });
    const [next, list] = await Promise.all([client.call('app:info', {}), client.call('style:list', {})]);
    styleStore.set({ styles: list.styles });
    // A photo shown in a style that is now hidden goes back to no style.
    const known = new Set(list.styles.map((s) => s.id));
    editorStore.set((st) => ({ byPhoto: Object.fromEntries(Object.entries(st.byPhoto).map(([id, p]) => [id, p.style.id && !known.has(p.style.id) ? { ...p, style: NO_STYLE } : p])) }));
    resetParsing();
    appStore.set({ info: next });
  } catch (err) {
    showError(err);
  }
}

export function CommercialToggle() {
  const client = useClient();
  const info = useStore(appStore, (s) => s.info);
  if (!info) return null;
  const blocked = info.models.filter((m) => !m.commercialUse).map((m) => `${m.name} (${m.licence})`);
  return (
    <label className="check status-commercial" title={`Not cleared for commercial use: ${blocked.join('; ') || 'none'}`}>
      <input type="checkbox" data-testid="commercial-only" checked={info.commercialOnly} onChange={(e) => void setCommercialOnly(client, e.currentTarget.checked)} /> Only models cleared
      for commercial use
    </label>
  );
}
