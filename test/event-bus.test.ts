// The event bus over a real Redis, two buses in one process standing for two instances: events
// and invalidations cross, nothing echoes back, the replica-freshness hook is awaited before a
// remote event is delivered, and a Redis outage is reported, survived and recovered from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createEvents, type Events, type MissedEvents } from '../src/events/bus.js';
import { redisTransport } from '../src/events/redis.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { waitFor } from './real-server.js';

if (redisMissing) console.warn(`skipping the Redis event-bus tests: ${redisMissing}`);

let redis: RedisServer;
const buses: Events[] = [];

function bus(options: Parameters<typeof createEvents>[0] & object = {}): Events {
  const events = createEvents({ transport: redisTransport({ url: redis.url, channel: 'test:events' }), ...options });
  buses.push(events);
  return events;
}

/** The next `count` values of an async iterable, or an error after 10 s. */
async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const values: T[] = [];
  const deadline = new Promise<never>((_resolve, reject) =>
    setTimeout(() => reject(new Error(`got ${values.length} of ${count}`)), 10_000),
  );
  while (values.length < count) {
    const next = await Promise.race([iterator.next(), deadline]);
    if (next.done) break;
    values.push(next.value);
  }
  return values;
}

beforeAll(async () => {
  if (!redisMissing) redis = await startRedis();
});

afterAll(async () => {
  for (const events of buses) events.close();
  await redis?.remove();
});

describe.skipIf(redisMissing)('the event bus over Redis', () => {
  it('carries events and invalidations to the other instance, and nothing back to the sender', async () => {
    const a = bus();
    const b = bus();
    await waitFor(() => a.connected() && b.connected());
    expect(b.status()).toEqual({ transport: 'redis', connected: true });
    const onA = a.pubsub.subscribe('programTotalsChanged', 7)[Symbol.asyncIterator]();
    const onB = b.pubsub.subscribe('programTotalsChanged', 7)[Symbol.asyncIterator]();
    let invalidatedOnB = 0;
    let invalidatedOnA = 0;
    b.onRemoteInvalidate(() => (invalidatedOnB += 1));
    a.onRemoteInvalidate(() => (invalidatedOnA += 1));
    // The subscribe client subscribed at creation; give Redis a moment to have it registered.
    await new Promise((resolve) => setTimeout(resolve, 200));

    // yoga's pubsub listens from a subscription's first `next()`, so the readers start first.
    const onBTwo = take(onB, 2);
    const onATwo = take(onA, 2);
    a.publish('programTotalsChanged', 7, { programId: 7 });
    a.publish('programTotalsChanged', 7, { programId: 8 });
    a.invalidateEverywhere();
    expect(await onBTwo).toEqual([{ programId: 7 }, { programId: 8 }]);
    expect(await onATwo).toEqual([{ programId: 7 }, { programId: 8 }]);
    await waitFor(() => invalidatedOnB === 1);
    // A third event proves the first two were not delivered to A twice (once locally, once back).
    const onAOne = take(onA, 1);
    a.publish('programTotalsChanged', 7, { programId: 9 });
    expect(await onAOne).toEqual([{ programId: 9 }]);
    expect(invalidatedOnA).toBe(0);
    await onA.return?.();
    await onB.return?.();
  });

  it('awaits catchUp(position) before delivering a remote event, in order, and reports a failed one', async () => {
    let written = 0;
    let caughtUpTo = 0;
    const writer = bus({ position: () => written });
    const reader = bus({
      // A real replica's catch-up takes a while; the first one here the longest.
      catchUp: async (position) => {
        if (position === 3) throw new Error('the primary is unreachable');
        await new Promise((resolve) => setTimeout(resolve, position === 1 ? 400 : 50));
        caughtUpTo = Math.max(caughtUpTo, position);
      },
    });
    await waitFor(() => writer.connected() && reader.connected());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const seen: { programId: number; caughtUpTo: number }[] = [];
    const events = reader.pubsub.subscribe('programTotalsChanged', 1)[Symbol.asyncIterator]();
    const notices = reader.missedEvents()[Symbol.asyncIterator]();
    const collecting = (async () => {
      for (let index = 0; index < 2; index += 1) {
        const [value] = await take(events, 1);
        seen.push({ programId: value!.programId, caughtUpTo });
      }
    })();

    written = 1;
    writer.publish('programTotalsChanged', 1, { programId: 101 });
    written = 2;
    writer.publish('programTotalsChanged', 1, { programId: 102 });
    await collecting;
    // Each event came after the reader had caught up to the position of the write behind it,
    // and the slow first catch-up did not let the second event overtake it.
    expect(seen).toEqual([
      { programId: 101, caughtUpTo: 1 },
      { programId: 102, caughtUpTo: 2 },
    ]);

    written = 3;
    writer.publish('programTotalsChanged', 1, { programId: 103 });
    expect(await take(notices, 1)).toEqual([{ eventsMayBeMissed: true, connected: true } satisfies MissedEvents]);
    await events.return?.();
    await notices.return?.();
  });

  it('survives Redis stopping: publishing goes on, subscribers are told, events resume when it is back', async () => {
    const a = bus();
    const b = bus();
    await waitFor(() => a.connected() && b.connected());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const onB = b.pubsub.subscribe('programTotalsChanged', 2)[Symbol.asyncIterator]();
    const noticesOnB = b.missedEvents()[Symbol.asyncIterator]();
    let invalidatedOnB = 0;
    b.onRemoteInvalidate(() => (invalidatedOnB += 1));

    const onBOne = take(onB, 1);
    await redis.stop();
    await waitFor(() => !a.connected() && !b.connected());
    expect(b.status()).toEqual({ transport: 'redis', connected: false });
    expect(await take(noticesOnB, 1)).toEqual([{ eventsMayBeMissed: true, connected: false }]);
    // Losing the link empties the caches: writes from now on are not heard of.
    expect(invalidatedOnB).toBeGreaterThanOrEqual(1);
    // A write while Redis is down neither throws nor waits.
    a.publish('programTotalsChanged', 2, { programId: 201 });
    a.invalidateEverywhere();
    // A subscription that starts during the outage is told at once.
    const late = b.missedEvents()[Symbol.asyncIterator]();
    expect(await take(late, 1)).toEqual([{ eventsMayBeMissed: true, connected: false }]);
    await late.return?.();

    await redis.start();
    await waitFor(() => a.connected() && b.connected(), 15_000);
    // Back: B is told to refetch (its own reconnection, then A's `gap` for what A sent meanwhile).
    expect(await take(noticesOnB, 1)).toEqual([{ eventsMayBeMissed: true, connected: true }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.publish('programTotalsChanged', 2, { programId: 202 });
    // The event published during the outage is gone; the next one arrives.
    expect(await onBOne).toEqual([{ programId: 202 }]);
    await onB.return?.();
    await noticesOnB.return?.();
  });
});

describe.skipIf(redisMissing)('the event bus with Redis unreachable from the start', () => {
  it('reports itself cut off, tells subscribers, and lets writes publish without an error', async () => {
    // A port nobody listens on: the Redis of the other tests, stopped for good.
    const gone = await startRedis();
    const url = gone.url;
    await gone.remove();
    const events = createEvents({ transport: redisTransport({ url, channel: 'test:events' }) });
    buses.push(events);
    const notices = events.missedEvents()[Symbol.asyncIterator]();
    expect(await take(notices, 1)).toEqual([{ eventsMayBeMissed: true, connected: false }]);
    // Neither throws, nor leaves a rejected promise behind (vitest fails the file on one).
    events.publish('programTotalsChanged', 1, { programId: 1 });
    events.invalidateEverywhere();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(events.status()).toEqual({ transport: 'redis', connected: false });
    await notices.return?.();
  });
});

describe('REDIS_URL', () => {
  it("selects Redis when set, names itself when malformed, and leaves today's bus when absent", () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379/0' })).toMatchObject({
      redisUrl: 'redis://10.0.0.5:6379/0',
      redisChannel: 'ai-factory-graph:events',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380', REDIS_CHANNEL: 'staging' })).toMatchObject({ redisChannel: 'staging' });
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL: use redis:\/\/host:port/);
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(createEvents().status()).toEqual({ transport: 'in-process', connected: true });
  });
});
