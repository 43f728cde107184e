/** `npm run dev:web`: serves the built renderer and the services on 127.0.0.1, then prints the URL. */
import { startWebHost } from './server.js';

const port = Number(process.env.PORT ?? 0);
const host = await startWebHost({ port: Number.isInteger(port) ? port : 0 });
console.log(`Caricature Studio web host: ${host.url}`);
console.log('Open that address in Chromium (the token in it is required). Ctrl+C stops the host.');
const stop = () => {
  host.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
