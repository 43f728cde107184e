/** The execution provider in the status bar: what runs now, and a choice to force one. */
import { useClient } from '../api/context';
import { appStore } from '../state/app-state';
import { perform } from '../state/notice';
import { useStore } from '../state/store';

const LABELS: Record<string, string> = { auto: 'Auto', cuda: 'CUDA', dml: 'DirectML', coreml: 'CoreML', cpu: 'CPU' };

export function ProviderPicker() {
  const client = useClient();
  const info = useStore(appStore, (s) => s.info);
  if (!info) return <span className="status-provider">connecting…</span>;
  const inUse = [...new Set(Object.values(info.providers.inUse))];
  const running = inUse.length ? inUse.map((p) => LABELS[p] ?? p).join('+') : 'no model loaded yet';
  return (
    <span className="status-provider" data-testid="provider" title="ONNX Runtime execution provider">
      {info.host} · ONNX Runtime {info.versions.onnxruntime} · {running.toUpperCase()} ·{' '}
      <select
        aria-label="Execution provider"
        value={info.providers.preference}
        onChange={perform(async (e) => {
          await client.call('app:setProvider', { preference: e.currentTarget.value as 'auto' });
          appStore.set({ info: await client.call('app:info', {}) });
        })}
      >
        {['auto', ...info.providers.available].map((p) => (
          <option key={p} value={p}>
            {LABELS[p] ?? p}
          </option>
        ))}
      </select>
    </span>
  );
}
