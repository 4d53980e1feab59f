// GraphQL over HTTP conformance: the graphql-http audit suite against the real server on a port,
// with the development defaults and with the production policy (CSRF prevention on, GraphiQL
// off). The production run keeps introspection on: two audits send `__type` queries, which a
// server with introspection off refuses by design.
import type { Server } from 'node:http';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App, type AppOptions } from '../src/app.js';
import { createHttpServer, listen } from '../src/server/http.js';

const configurations: [string, Partial<AppOptions>][] = [
  ['development defaults', { graphiql: true }],
  ['production policy', { graphiql: false, csrfPrevention: true, introspection: true, corsOrigins: ['https://dashboard.example'] }],
];

describe.each(configurations)('graphql-http audits, %s', (_name, options) => {
  let app: App;
  let server: Server;
  let url = '';

  beforeAll(async () => {
    app = createApp({ databasePath: ':memory:', seedOnStart: true, graphiql: false, logging: false, ...options });
    server = createHttpServer(app, { db: app.db });
    url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    app.close();
  });

  for (const audit of serverAudits({ url: () => url, fetchFn: fetch })) {
    if (!audit.name.startsWith('MUST') && !audit.name.startsWith('SHOULD')) continue;
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
