// Wires configuration, database and GraphQL server together; used by main.ts and the tests.
import { DefaultLogger, type Logger } from 'drizzle-orm/logger';
import { requestBudget, type Config, type RequestBudget } from './config.js';
import { closeDatabase, openDatabase, type Db } from './db/client.js';
import { seedDatabase } from './db/seed/index.js';
import { createEvents, type Events, type EventsOptions, type Transport } from './events/bus.js';
import { createGraphQLServer, type GraphQLServer, type YogaOptions } from './server/yoga.js';

/** The database and the GraphQL server (`yoga`, and the `frontCache` createHttpServer answers from). */
export interface App extends GraphQLServer {
  db: Db;
  /** The event bus behind subscriptions. */
  events: Events;
  /** Closes the event bus's connections, checkpoints the WAL and closes the database. */
  close(): void;
}

export type AppOptions = Pick<Config, 'databasePath' | 'seedOnStart' | 'graphiql'> &
  Partial<Pick<Config, 'libsql'>> &
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
      | 'directLane'
      | 'metrics'
      | 'metricsToken'
      | keyof RequestBudget
    >
  > & {
    logging?: boolean;
    /** Receives every SQL statement drizzle runs (tests count statements with it); overrides logSql. */
    sqlLogger?: Logger;
    /** How events and invalidations reach the other instances (cluster relay, Redis); none when absent. */
    transport?: Transport;
    /** The replica-freshness hooks of the event bus (EventsOptions): set by a replicated engine. */
    position?: EventsOptions['position'];
    catchUp?: EventsOptions['catchUp'];
    /** Where the bus reports a failed catch-up. */
    onEventsError?: EventsOptions['onError'];
  };

/** Opens (migrating and, if configured, seeding) the database and builds the GraphQL server. */
export function createApp(config: AppOptions): App {
  const logger = config.sqlLogger ?? (config.logSql ? new DefaultLogger() : undefined);
  const db = openDatabase({ path: config.databasePath, libsql: config.libsql, ...(logger ? { logger } : {}) });
  if (config.seedOnStart) seedDatabase(db, { only: config.seedDatasets });
  const events = createEvents({
    transport: config.transport,
    // A replicated engine stamps its writes' position on every message and catches this
    // instance's replica up before a remote event is resolved here (src/db/replication.ts);
    // with one local file both are no-ops, so they are left out.
    position: config.position ?? (db.$replication.engine === 'libsql' ? () => db.$replication.currentPosition() : undefined),
    catchUp: config.catchUp ?? (db.$replication.engine === 'libsql' ? (position) => db.$replication.catchUp(position) : undefined),
    ...(config.onEventsError ? { onError: config.onEventsError } : {}),
  });
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
    directLane: config.directLane,
    metrics: config.metrics,
    metricsToken: config.metricsToken,
    budget: requestBudget(config),
  };
  const { yoga, frontCache, lane } = createGraphQLServer(options);
  return {
    db,
    yoga,
    frontCache,
    lane,
    events,
    close: () => {
      events.close();
      closeDatabase(db);
    },
  };
}
