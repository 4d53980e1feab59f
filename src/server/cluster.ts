// Several server processes on one port and one WAL database (WORKERS=n, node:cluster). The
// primary migrates and seeds once, forks the workers, relays their bus messages (change events
// for subscriptions, response-cache invalidations) to the others unless they use Redis
// (REDIS_URL; src/events/redis.ts), restarts a worker that dies, and on SIGTERM/SIGINT stops them
// all gracefully. SQLite serialises the writers (IMMEDIATE transactions, busy_timeout), so writes
// stay correct under contention. The workers' side of the relay is src/events/cluster-relay.ts.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { seedDatabase } from '../db/seed/index.js';
import { isEnvelope } from '../events/cluster-relay.js';
import { jsonLogger } from './log.js';

/** The primary process: prepares the database, forks `config.workers` workers, relays, stops. */
export function runPrimary(config: Config): void {
  const db = openDatabase({ path: config.databasePath });
  if (config.seedOnStart) seedDatabase(db, { only: config.seedDatasets });
  closeDatabase(db);

  let stopping = false;
  const fork = (): Worker => {
    // Workers find the database ready: no second migration or seed race.
    const worker = cluster.fork({ SEED_ON_START: 'false' });
    worker.on('message', (raw: unknown) => {
      // With Redis the workers talk through it and send nothing here.
      if (!isEnvelope(raw) || config.redisUrl) return;
      for (const other of Object.values(cluster.workers ?? {})) {
        if (other && other.id !== worker.id && other.isConnected()) other.send(raw);
      }
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      jsonLogger.error('worker died; starting another', { pid: worker.process.pid, code, signal });
      fork();
    });
    return worker;
  };
  for (let index = 0; index < config.workers; index += 1) fork();
  jsonLogger.info('primary started', { workers: config.workers, pid: process.pid, events: config.redisUrl ? 'redis' : 'cluster' });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    jsonLogger.info('stopping workers', { signal });
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    let running = workers.length;
    if (running === 0) process.exit(0);
    for (const worker of workers) {
      worker.on('exit', () => {
        running -= 1;
        if (running === 0) {
          jsonLogger.info('stopped', { signal });
          process.exit(0);
        }
      });
      worker.process.kill(signal);
    }
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
