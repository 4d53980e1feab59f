// The one way to set up a test: vitest fixtures (`test.extend`) for a fresh seeded database file,
// the schema over it, a real server on a free port, and the SQL statements they run (with
// `graphql`, the one "send a GraphQL request" helper, and `StatementLog` from helpers.ts). Each
// fixture is built only when a test asks for it and torn down after that test.
import { join } from 'node:path';
import { test as base } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { StatementLog, temporaryFolder } from './helpers.js';
import { startRealServer, type RealServer } from './real-server.js';

export interface Fixtures {
  /** The statements the fixture database runs. */
  statements: StatementLog;
  /** A fresh, migrated and seeded database file in its own temporary folder. */
  db: Db;
  /** The schema over `db`, reached through `yoga.fetch`. */
  yoga: Yoga;
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
  server: async ({}, use) => {
    const server = await startRealServer();
    await use(server);
    await server.close();
  },
});

export { describe, expect } from 'vitest';
export { graphql, StatementLog } from './helpers.js';
