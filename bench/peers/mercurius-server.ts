// Peer: the service's own Pothos schema served by mercurius with graphql-jit instead of
// graphql-yoga, to measure what the faster executor would give (and what it breaks: jit defeats
// plugin-drizzle's preloading, as src/server/jit.ts explains). The context is built as createGraphQLServer
// builds it; none of the service's yoga plugins (limits, metrics, response cache) run here.
//
//   node --import tsx bench/peers/mercurius-server.ts <database> [port]
// prints `mercurius+jit serving http://127.0.0.1:<port>/graphql` once it listens.
// GET /stats answers {"statements": n}: SQL statements run so far, for statements per request.
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { schema } from '../../src/graphql/index.js';
import { createEvents } from '../../src/events/bus.js';
import { authenticate } from '../../src/server/auth.js';

const [databasePath, portText] = process.argv.slice(2);
if (!databasePath) {
  console.error('usage: node --import tsx bench/peers/mercurius-server.ts <database> [port]');
  process.exit(2);
}

let statements = 0;
// A counting logger instead of LOG_SQL output: one number, read over HTTP, no parsing of logs.
const db = openDatabase({ path: databasePath, migrate: false, logger: { logQuery: () => void (statements += 1) } });
const events = createEvents();

const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
await app.register(mercurius, {
  schema,
  path: '/graphql',
  graphiql: false,
  // Compile a document with graphql-jit from its second request on. jit keeps its compiled
  // queries in mercurius' document cache, so that cache stays on (it holds no responses).
  jit: 1,
  context: (request) => ({
    db,
    events,
    auth: authenticate(db, request.headers.authorization ?? null, { readRequiresKey: false }),
  }),
});
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
