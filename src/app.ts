// Wires configuration, database and GraphQL server together; used by main.ts and the tests.
import { DefaultLogger, type Logger } from 'drizzle-orm/logger';
import { requestBudget, type Config, type RequestBudget } from './config.js';
import { closeDatabase, openDatabase, type Db } from './db/client.js';
import { seedDatabase } from './db/seed/index.js';
import { createEvents, type ClusterLink, type Events } from './events/bus.js';
import { createGraphQLServer, type GraphQLServer, type YogaOptions } from './server/yoga.js';

/** The database and the GraphQL server (`yoga`, and the `frontCache` createHttpServer answers from). */
export interface App extends GraphQLServer {
  db: Db;
  /** The event bus behind subscriptions. */
  events: Events;
  /** Checkpoints the WAL and closes the database. */
  close(): void;
}

export type AppOptions = Pick<Config, 'databasePath' | 'seedOnStart' | 'graphiql'> &
  Partial<
    Pick<
      Config,
      | 'logSql'
      | 'seedDatasets'
      | 'readRequiresKey'
      | 'introspection'
      | 'corsOrigins'
      | 'corsAllowHeaders'
      | 'corsExposeHeaders'
      | 'csrfPrevention'
      | 'persistedOperationsOnly'
      | 'responseCache'
      | 'responseCacheTtlMs'
      | 'metrics'
      | 'metricsToken'
      | keyof RequestBudget
    >
  > & {
    logging?: boolean;
    /** Receives every SQL statement drizzle runs (tests count statements with it); overrides logSql. */
    sqlLogger?: Logger;
    /** The channel to sibling processes when several serve one database. */
    link?: ClusterLink;
  };

/** Opens (migrating and, if configured, seeding) the database and builds the GraphQL server. */
export function createApp(config: AppOptions): App {
  const logger = config.sqlLogger ?? (config.logSql ? new DefaultLogger() : undefined);
  const db = openDatabase({ path: config.databasePath, ...(logger ? { logger } : {}) });
  if (config.seedOnStart) seedDatabase(db, { only: config.seedDatasets });
  const events = createEvents(config.link);
  // Options left out here take config.ts's defaults in createGraphQLServer.
  const options: YogaOptions = {
    db,
    events,
    graphiql: config.graphiql,
    logging: config.logging,
    readRequiresKey: config.readRequiresKey,
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    corsAllowHeaders: config.corsAllowHeaders,
    corsExposeHeaders: config.corsExposeHeaders,
    csrfPrevention: config.csrfPrevention,
    persistedOperationsOnly: config.persistedOperationsOnly,
    responseCache: config.responseCache,
    responseCacheTtlMs: config.responseCacheTtlMs,
    metrics: config.metrics,
    metricsToken: config.metricsToken,
    budget: requestBudget(config),
  };
  const { yoga, frontCache } = createGraphQLServer(options);
  return { db, yoga, frontCache, events, close: () => closeDatabase(db) };
}
