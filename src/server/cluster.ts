// Several server processes on one port and one WAL database (WORKERS=n, node:cluster). The
// primary migrates and seeds once, forks the workers, relays their bus messages (change events
// for subscriptions, response-cache invalidations) to the others, restarts a worker that dies,
// and on SIGTERM/SIGINT stops them all gracefully. SQLite serialises the writers (IMMEDIATE
// transactions, busy_timeout), so writes stay correct under contention.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { seedDatabase } from '../db/seed/index.js';
import type { BusMessage, ClusterLink } from '../events/bus.js';
import { jsonLogger } from './log.js';

interface Envelope {
  afgBus: BusMessage;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'afgBus' in value;
}

/** In a worker: the link to its siblings through the primary. Undefined outside a cluster. */
export function workerLink(): ClusterLink | undefined {
  if (!cluster.isWorker) return undefined;
  return {
    send: (message) => process.send?.({ afgBus: message } satisfies Envelope),
    onMessage: (handler) =>
      process.on('message', (raw: unknown) => {
        if (isEnvelope(raw)) handler(raw.afgBus);
      }),
  };
}

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
      if (!isEnvelope(raw)) return;
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
  jsonLogger.info('primary started', { workers: config.workers, pid: process.pid });

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
