// Wires configuration, database and GraphQL server together; used by main.ts and the tests.
import { DefaultLogger, type Logger } from 'drizzle-orm/logger';
import { defaultBudget, type Config, type RequestBudget } from './config.js';
import { closeDatabase, openDatabase, type Db } from './db/client.js';
import { seedDatabase } from './db/seed/index.js';
import { createEvents, type ClusterLink, type Events } from './schema/events.js';
import { createGraphQLServer, type Yoga, type YogaOptions } from './server/yoga.js';

export interface App {
  db: Db;
  yoga: Yoga;
  /** The event bus behind subscriptions. */
  events: Events;
  /** Checkpoints the WAL and closes the database. */
  close(): void;
}

export type AppOptions = Pick<Config, 'databasePath' | 'seedOnStart' | 'graphiql'> &
  Partial<Pick<Config, 'logSql' | 'readRequiresKey' | 'introspection' | 'corsOrigins' | 'corsAllowHeaders' | 'corsExposeHeaders' | 'csrfPrevention' | 'persistedOperationsOnly' | 'responseCache' | 'responseCacheTtlMs' | 'metrics' | 'metricsToken' | keyof RequestBudget>> & {
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
  if (config.seedOnStart) seedDatabase(db);
  const events = createEvents(config.link);
  const options: YogaOptions = {
    db,
    events,
    graphiql: config.graphiql,
    logging: config.logging ?? true,
    readRequiresKey: config.readRequiresKey ?? false,
    introspection: config.introspection ?? true,
    corsOrigins: config.corsOrigins ?? '*',
    ...(config.corsAllowHeaders ? { corsAllowHeaders: config.corsAllowHeaders } : {}),
    ...(config.corsExposeHeaders ? { corsExposeHeaders: config.corsExposeHeaders } : {}),
    csrfPrevention: config.csrfPrevention ?? false,
    persistedOperationsOnly: config.persistedOperationsOnly ?? false,
    responseCache: config.responseCache ?? true,
    responseCacheTtlMs: config.responseCacheTtlMs ?? 60_000,
    metrics: config.metrics ?? true,
    metricsToken: config.metricsToken,
    budget: {
      maxCost: config.maxCost ?? defaultBudget.maxCost,
      maxIdsPerRequest: config.maxIdsPerRequest ?? defaultBudget.maxIdsPerRequest,
      maxNesting: config.maxNesting ?? defaultBudget.maxNesting,
      maxInputValues: config.maxInputValues ?? defaultBudget.maxInputValues,
      requestTimeoutMs: config.requestTimeoutMs ?? defaultBudget.requestTimeoutMs,
    },
  };
  const yoga = createGraphQLServer(options);
  return { db, yoga, events, close: () => closeDatabase(db) };
}
