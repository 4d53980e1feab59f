// The mercurius + graphql-jit peer's fastify app, built once for mercurius-server.ts (which
// listens on a port for the bench) and bench/cpu-peers.ts (which drives it in process through
// `app.inject`), so both measure the same server.
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { Db } from '../../src/db/client.js';
import { schema } from '../../src/graphql/index.js';
import { createEvents } from '../../src/events/bus.js';
import { authenticate } from '../../src/server/auth.js';

export async function mercuriusApp(db: Db): Promise<FastifyInstance> {
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
  return app;
}
