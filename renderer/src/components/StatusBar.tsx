/** Bottom bar: what is running, the last message, and the execution provider in use. */
import { appStore } from '../state/app-state';
import { ProviderPicker } from './ProviderPicker';
import { CommercialToggle } from './CommercialToggle';
import { useStore } from '../state/store';

export function StatusBar() {
  const busy = useStore(appStore, (s) => s.busy);
  const notice = useStore(appStore, (s) => s.notice);
  return (
    <footer className="status-bar">
      <span className="status-busy" role="status" aria-live="polite" data-testid="status-busy">
        {busy && (
          <>
            <span className="spinner" />
            {busy.label}
            {busy.total ? ` (${busy.done ?? 0}/${busy.total})` : ''}
          </>
        )}
      </span>
      <span className={`status-notice ${notice?.kind ?? ''}`} data-testid="notice" role={notice?.kind === 'error' ? 'alert' : undefined}>
        {notice?.text}
        {notice && (
          <button className="link" aria-label="Dismiss message" onClick={() => appStore.set({ notice: null })}>
            ×
          </button>
        )}
      </span>
      <CommercialToggle />
      <ProviderPicker />
    </footer>
  );
}
