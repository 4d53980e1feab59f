// Entry point: configuration → database → HTTP server, and a graceful stop on SIGINT/SIGTERM.
// With WORKERS=n (n > 1) this process becomes the cluster primary and each worker runs the rest.
import cluster from 'node:cluster';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { MigrationMismatchError } from './db/migrations.js';
import { clusterRelayTransport } from './events/cluster-relay.js';
import { redisTransport } from './events/redis.js';
import { runPrimary } from './server/cluster.js';
import { createDashboard } from './server/dashboard.js';
import { createHttpServer, listen, stopGracefully } from './server/http.js';
import { jsonLogger } from './server/log.js';
import { attachGraphQLWebSocket, webSocketOptions } from './server/websocket.js';

const config = loadConfig();
if (config.workers > 1 && cluster.isPrimary) {
  runPrimary(config);
} else {
  await serve();
}

async function serve(): Promise<void> {
  // Redis when configured (across machines, and across WORKERS), else the cluster relay in a worker.
  const transport = config.redisUrl
    ? redisTransport({
        url: config.redisUrl,
        channel: config.redisChannel,
        onLog: (level, message, fields) => jsonLogger[level](message, fields),
      })
    : clusterRelayTransport();
  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({
      ...config,
      ...(transport ? { transport } : {}),
      onEventsError: (message, error) => jsonLogger.error(message, { error }),
    });
  } catch (error) {
    // Code and database disagree about migrations: say which, and do not serve.
    if (!(error instanceof MigrationMismatchError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // Bundled in the background while the server starts listening; `/` waits for it (or answers 503).
  const dashboard = createDashboard({ logger: jsonLogger });
  const server = createHttpServer(app, {
    db: app.db,
    events: app.events,
    dashboard: dashboard.handler,
    maxBodyBytes: config.maxBodyBytes,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    graphiql: config.graphiql,
    ...(config.logRequests ? { logger: jsonLogger } : {}),
  });
  const sockets = attachGraphQLWebSocket(server, app.yoga, webSocketOptions(config));
  const port = await listen(server, config.port, config.host);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  // The first line stays plain text: people and scripts read the address from it.
  const database = config.libsql ? `${config.libsql.url}, replica ${config.libsql.replicaPath}` : config.databasePath;
  console.log(`ai-factory-graph serving http://${shown}:${port}/graphql (database: ${database})`);
  jsonLogger.info('started', { port, env: config.env, database });

  let stopping = false;
  async function stop(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    jsonLogger.info('stopping', { signal, note: 'finishing in-flight requests, then checkpointing the WAL and closing the database' });
    // WebSocket subscribers are told the server is going away; they reconnect elsewhere.
    for (const client of sockets.clients) client.close(1001, 'server stopping');
    sockets.close();
    await stopGracefully(server, config.shutdownTimeoutMs, () => app.close());
    jsonLogger.info('stopped', { signal });
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
