// Entry point: configuration → database → HTTP server, and a clean stop on SIGINT/SIGTERM.
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createHttpServer, listen } from './server/http.js';

const config = loadConfig();
const app = createApp(config);
const server = createHttpServer(app.yoga);
const port = await listen(server, config.port, config.host);
const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
console.log(`ai-factory-graph serving http://${shown}:${port}/graphql (database: ${config.databasePath})`);

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received: finishing in-flight requests, then closing the database`);
  server.close(() => {
    app.close();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
