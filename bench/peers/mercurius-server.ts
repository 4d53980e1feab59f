// Peer: the service's own Pothos schema served by mercurius with graphql-jit instead of
// graphql-yoga, to measure what the faster executor would give (and what it breaks: jit defeats
// plugin-drizzle's preloading, as src/server/jit.ts explains). The context is built as createGraphQLServer
// builds it; none of the service's yoga plugins (limits, metrics, response cache) run here.
//
//   node --import tsx bench/peers/mercurius-server.ts <database> [port]
// prints `mercurius+jit serving http://127.0.0.1:<port>/graphql` once it listens.
// GET /stats answers {"statements": n}: SQL statements run so far, for statements per request.
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { mercuriusApp } from './mercurius-app.js';

const [databasePath, portText] = process.argv.slice(2);
if (!databasePath) {
  console.error('usage: node --import tsx bench/peers/mercurius-server.ts <database> [port]');
  process.exit(2);
}

let statements = 0;
// A counting logger instead of LOG_SQL output: one number, read over HTTP, no parsing of logs.
const db = openDatabase({ path: databasePath, migrate: false, logger: { logQuery: () => void (statements += 1) } });

const app = await mercuriusApp(db);
app.get('/stats', async () => ({ statements }));

const address = await app.listen({ port: Number(portText ?? 0), host: '127.0.0.1' });
console.log(`mercurius+jit serving ${address}/graphql`);

const stop = () => {
  void app.close().then(() => {
    closeDatabase(db);
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
