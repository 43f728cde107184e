import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client';
import { App } from './App';
import { editorStore } from './editor/editor-state';
import { appStore } from './state/app-state';
import { likenessStore } from './editor/likeness';
import { previewStore } from './editor/preview';
import './styles.css';

// End-to-end tests read editor state (landmark positions) through this hook, only when asked.
if (new URLSearchParams(window.location.search).has('e2e')) {
  (window as unknown as { __studio: object }).__studio = { editorStore, previewStore, likenessStore, appStore };
}

const root = createRoot(document.getElementById('root')!);
connect()
  .then((client) =>
    root.render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    ),
  )
  .catch((e: Error) => root.render(<div className="fatal">Caricature Studio cannot reach its services: {e.message}</div>));
