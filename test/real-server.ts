// One real service on 127.0.0.1 (port 0), as main.ts wires it: the app over a seeded in-memory
// database (or the options' configuration), the node:http server and graphql-ws, and a writer key.
// Tests reach it through test/fixtures.ts (`server`, `startServer`, `suiteServer`).
import type { Server } from 'node:http';
import { createApp, type App, type AppOptions } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { createHttpServer, listen, type HttpOptions } from '../src/server/http.js';
import { attachGraphQLWebSocket, type WebSocketOptions } from '../src/server/websocket.js';
import { graphql, type GraphQLResponse } from './helpers.js';

export interface RealServer {
  app: App;
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  wsUrl: string;
  /** An API key with the `write` scope. */
  writeKey: string;
  /** Requests that reached the HTTP server, by path (a client's round trips). */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

/** The app's options (a `loadConfig` result fits), and what main.ts passes the HTTP and WebSocket servers. */
export interface RealServerOptions extends Partial<AppOptions> {
  /** The HTTP server's options besides the database: `maxBodyBytes`, `dashboard`… */
  http?: Omit<HttpOptions, 'db'>;
  /** graphql-ws' limits and origins (`webSocketOptions(config)`); its defaults when absent. */
  webSocket?: WebSocketOptions;
  /** Runs on the app before the port opens, e.g. to add rows. */
  setup?: (app: App) => void;
}

export async function startRealServer({ http, webSocket, setup, ...options }: RealServerOptions = {}): Promise<RealServer> {
  const app = createApp({
    databasePath: ':memory:',
    seedOnStart: true,
    seedDatasets: ['korea-2025'],
    graphiql: false,
    logging: false,
    ...options,
  });
  setup?.(app);
  const writeKey = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
  const server = createHttpServer(app, { db: app.db, graphiql: options.graphiql ?? false, ...http });
  const requests: RealServer['requests'] = [];
  server.prependListener('request', (request) => requests.push({ method: request.method ?? '', path: (request.url ?? '').split('?')[0]! }));
  const sockets = attachGraphQLWebSocket(server, app.yoga, webSocket);
  const port = await listen(server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return {
    app,
    server,
    origin,
    url: `${origin}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    writeKey,
    requests,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise((resolve) => sockets.close(resolve));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      app.close();
    },
  };
}

/** Posts one operation to the real server (`graphql` from helpers.ts), answering its body. */
export async function post<T = Record<string, unknown>>(
  server: RealServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  return (await graphql<T>(server, query, variables, { headers, accept: null })).body;
}

export async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
