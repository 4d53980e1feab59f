// The one way to set up a test: vitest fixtures (`test.extend`) for a fresh seeded database file,
// the schema over it, a real server on a free port, and the SQL statements they run (with
// `graphql`, the one "send a GraphQL request" helper, `send` for a raw one, and `StatementLog` from
// helpers.ts). Each fixture is built only when a test asks for it and torn down after that test.
// A server with other settings: `test.override({ serverOptions })` in a describe, `startServer`
// inside a test (several, each its own), or `suiteServer` for one shared by a describe's tests.
import { join } from 'node:path';
import { afterAll, test as base, beforeAll, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { StatementLog, temporaryFolder } from './helpers.js';
import { startRealServer, type RealServer, type RealServerOptions } from './real-server.js';

export interface Fixtures {
  /** The statements the fixture database runs. */
  statements: StatementLog;
  /** A fresh, migrated and seeded database file in its own temporary folder. */
  db: Db;
  /** The schema over `db`, reached through `yoga.fetch`. */
  yoga: Yoga;
  /** How `server` is configured (the app's options, `http`, `webSocket`, `setup`); none by default. */
  serverOptions: RealServerOptions;
  /** The whole service (HTTP, WebSocket) on 127.0.0.1 and a free port, over its own database. */
  server: RealServer;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from the destructuring.
  statements: async ({}, use) => {
    await use(new StatementLog());
  },
  db: async ({ statements }, use) => {
    const folder = temporaryFolder();
    const db = openDatabase({ path: join(folder.path, 'test.db'), logger: statements });
    seedDatabase(db);
    statements.reset();
    await use(db);
    closeDatabase(db);
    folder.remove();
  },
  yoga: async ({ db }: { db: Db }, use: (yoga: Yoga) => Promise<void>) => {
    await use(createGraphQLServer({ db, graphiql: false, logging: false }).yoga);
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  serverOptions: async ({}, use) => {
    await use({});
  },
  server: async ({ serverOptions }, use) => {
    const server = await startRealServer(serverOptions);
    await use(server);
    await server.close();
  },
});

/** Inside a test: a real server with `options` (one of several, each its own), closed when the test ends. */
export async function startServer(options: RealServerOptions = {}): Promise<RealServer> {
  const server = await startRealServer(options);
  onTestFinished(() => server.close());
  return server;
}

/**
 * In a describe (or at a file's top level): one real server with `options` for all of its tests,
 * started before the first and closed after the last. Its fields are there from `beforeAll` on.
 */
export function suiteServer(options: RealServerOptions = {}): RealServer {
  const server = {} as RealServer;
  beforeAll(async () => {
    Object.assign(server, await startRealServer(options));
  });
  afterAll(() => server.close?.());
  return server;
}

export { describe, expect } from 'vitest';
export { graphql, send, StatementLog } from './helpers.js';
