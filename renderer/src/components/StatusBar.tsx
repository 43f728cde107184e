/** Bottom bar: what is running (with progress), the message stack, and the execution provider in use. */
import { appStore } from '../state/app-state';
import { clearNotice, visibleNotices } from '../state/notice';
import { ProviderPicker } from './ProviderPicker';
import { CommercialToggle } from './CommercialToggle';
import { useStore } from '../state/store';

export function StatusBar() {
  const busy = useStore(appStore, (s) => s.busy);
  const all = useStore(appStore, (s) => s.notices);
  const currentId = useStore(appStore, (s) => s.currentId);
  const notices = visibleNotices(all, currentId);
  return (
    <footer className="status-bar">
      <span className="status-busy" role="status" aria-live="polite" data-testid="status-busy">
        {busy && (
          <>
            <span className="spinner" />
            {busy.label}
            {busy.total ? ` (${busy.done ?? 0}/${busy.total})` : ''}
            {busy.total ? <progress max={busy.total} value={busy.done ?? 0} data-testid="busy-progress" /> : null}
          </>
        )}
      </span>
      <ul className="notices" data-testid="notices" aria-live="polite">
        {notices.map((n) => (
          <li key={n.topic} className={`status-notice ${n.kind}`} data-testid="notice" data-kind={n.kind} role={n.kind === 'error' ? 'alert' : undefined}>
            <span>{n.text}</span>
            <button className="link" aria-label="Dismiss message" onClick={() => clearNotice(n.topic)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <CommercialToggle />
      <ProviderPicker />
    </footer>
  );
}
