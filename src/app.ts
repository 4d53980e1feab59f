// Wires configuration, database and GraphQL server together; used by main.ts and the tests.
import { DefaultLogger } from 'drizzle-orm/logger';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/client.js';
import { seedDatabase } from './db/seed/index.js';
import { createGraphQLServer, type Yoga } from './server/yoga.js';

export interface App {
  db: Db;
  yoga: Yoga;
  close(): void;
}

/** Opens (migrating and, if configured, seeding) the database and builds the GraphQL server. */
export function createApp(
  config: Pick<Config, 'databasePath' | 'seedOnStart' | 'graphiql'> & {
    logSql?: boolean;
    logging?: boolean;
    readRequiresKey?: boolean;
  },
): App {
  const db = openDatabase({ path: config.databasePath, ...(config.logSql ? { logger: new DefaultLogger() } : {}) });
  if (config.seedOnStart) seedDatabase(db);
  const yoga = createGraphQLServer({
    db,
    graphiql: config.graphiql,
    logging: config.logging ?? true,
    readRequiresKey: config.readRequiresKey ?? false,
  });
  return { db, yoga, close: () => db.$client.close() };
}
