// The cluster relay's worker side (WORKERS=n without REDIS_URL): a worker sends its bus messages
// to the primary over node:cluster's IPC channel, and the primary (src/server/cluster.ts) passes
// them to every other worker. IPC to the primary never drops while the worker lives, so the
// transport is always connected.
import cluster from 'node:cluster';
import type { BusMessage, Transport } from './transport.js';

/** A bus message on the IPC channel, wrapped so it is told apart from node:cluster's own. */
export interface Envelope {
  afgBus: BusMessage;
}

export function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'afgBus' in value;
}

/** In a worker: the link to its siblings through the primary. Undefined outside a cluster. */
export function clusterRelayTransport(): Transport | undefined {
  if (!cluster.isWorker) return undefined;
  return {
    name: 'cluster',
    send: (message) => process.send?.({ afgBus: message } satisfies Envelope),
    onMessage: (handler) =>
      process.on('message', (raw: unknown) => {
        if (isEnvelope(raw)) handler(raw.afgBus);
      }),
  };
}
