// What the event bus (bus.ts) sends to the other instances serving the same data, and the shape
// every way of sending it has: none (one process), the cluster relay (cluster-relay.ts, WORKERS=n
// on one machine) and Redis (redis.ts, REDIS_URL, any number of machines).
import type { EventTopics } from './bus.js';

/**
 * Where the writer's database stood after the write, as an opaque number (a libSQL replication
 * frame, say): an instance whose replica is behind catches up to it before acting on the message.
 * Absent with better-sqlite3, where every process reads the one file.
 */
export type Position = number;

/** What instances tell each other. */
export type BusMessage =
  | { kind: 'event'; topic: 'allocationChanged'; args: EventTopics['allocationChanged']; position?: Position }
  | { kind: 'event'; topic: 'programTotalsChanged'; args: EventTopics['programTotalsChanged']; position?: Position }
  /** A write happened: drop cached answers. */
  | { kind: 'invalidate'; position?: Position }
  /**
   * The sender could not reach the others for a while and wrote meanwhile: what it published then
   * reached nobody, so receivers drop cached answers and tell their subscribers.
   */
  | { kind: 'gap' };

/** A channel to the other instances. Only `send` and `onMessage` are required. */
export interface Transport {
  /** Shown by /ready: `cluster` or `redis`. */
  name?: string;
  /** Sends to every other instance (never back to this one); false when it could not be sent. */
  send(message: BusMessage): boolean | undefined;
  onMessage(handler: (message: BusMessage) => void): void;
  /** Whether messages reach the other instances now; always when absent. */
  connected?(): boolean;
  /** Called with the new state whenever `connected()` changes. */
  onConnectionChange?(handler: (connected: boolean) => void): void;
  /** Releases connections; the process may exit afterwards. */
  close?(): void;
}
