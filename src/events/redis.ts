// The Redis transport (REDIS_URL): every instance publishes its bus messages on one Redis pub/sub
// channel and hears everyone else's, through graphql-yoga's @graphql-yoga/redis-event-target on
// ioredis. Redis pub/sub keeps nothing: a message published while an instance is cut off never
// reaches it, so the transport reports its connection and the bus (bus.ts) acts on the changes.
//
// Library internals depended on:
// - @graphql-yoga/redis-event-target 3.0.4 calls only `publish` on its publish client and ignores
//   the promise it returns; `subscribe` on its subscribe client, likewise, once per channel.
// - ioredis 5.9.3 re-subscribes its channels after a reconnect (`autoResubscribe`, on by default)
//   and emits `ready` once the connection is usable again, `close` when it is lost.
import { randomUUID } from 'node:crypto';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis, type RedisOptions } from 'ioredis';
import type { BusMessage, Transport } from './transport.js';

/** What goes over the channel: the message and which instance sent it. */
interface Envelope {
  from: string;
  message: BusMessage;
}

/**
 * ioredis whose `publish` never leaves a rejected promise behind: the event target drops the
 * promise, and an unhandled rejection (Redis gone mid-publish) would stop the whole process.
 */
class Publisher extends Redis {
  override publish(channel: string | Buffer, message: string | Buffer): Promise<number> {
    // A message lost this way is one a `gap` message covers (see `send` below).
    return super.publish(channel, message).catch(() => 0);
  }
}

export interface RedisTransportOptions {
  url: string;
  /** The pub/sub channel; deployments sharing one Redis use different ones. */
  channel: string;
  /** Told once when the connection is lost and once when it is back. */
  onLog?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
}

export function redisTransport(options: RedisTransportOptions): Transport {
  const self = randomUUID();
  const common: RedisOptions = {
    // Reconnect forever, at most every 2 s: Redis coming back is the normal end of an outage.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    // The subscription waits for the connection instead of failing after 20 retries.
    maxRetriesPerRequest: null,
    connectionName: 'ai-factory-graph',
  };
  // Publishes while cut off fail at once instead of piling up in memory: nobody would hear them
  // in time, and the bus tells everyone instead (a `gap` message when the connection is back).
  const publishClient = new Publisher(options.url, { ...common, enableOfflineQueue: false });
  const subscribeClient = new Redis(options.url, common);
  const target = createRedisEventTarget<CustomEvent<Envelope>>({ publishClient, subscribeClient });
  const handlers: ((message: BusMessage) => void)[] = [];
  const watchers: ((connected: boolean) => void)[] = [];
  target.addEventListener(options.channel, (event) => {
    const envelope = event.detail;
    if (!envelope || envelope.from === self) return;
    for (const handler of handlers) handler(envelope.message);
  });

  let connected = false;
  let closed = false;
  const update = () => {
    const now = !closed && publishClient.status === 'ready' && subscribeClient.status === 'ready';
    if (now === connected) return;
    connected = now;
    options.onLog?.(now ? 'info' : 'warn', now ? 'event bus connected' : 'event bus disconnected', { transport: 'redis' });
    for (const watcher of watchers) watcher(now);
  };
  for (const client of [publishClient, subscribeClient]) {
    for (const state of ['ready', 'close', 'end', 'reconnecting'] as const) client.on(state, update);
    // Connection errors come with `close`; listening keeps ioredis from printing each retry.
    client.on('error', () => undefined);
  }

  return {
    name: 'redis',
    send: (message) => {
      if (!connected) return false;
      target.dispatchEvent(new CustomEvent(options.channel, { detail: { from: self, message } }));
      return true;
    },
    onMessage: (handler) => void handlers.push(handler),
    connected: () => connected,
    onConnectionChange: (watcher) => void watchers.push(watcher),
    close: () => {
      closed = true;
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
