import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client';
import { App } from './App';
import './styles.css';

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
