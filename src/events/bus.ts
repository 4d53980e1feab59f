// Change events for live updates, and cache invalidations, for every instance serving the same
// data. Writes publish after their transaction commits (a rolled back write publishes nothing);
// subscriptions listen. Delivery here is always in-process; a transport (transport.ts) carries
// the same messages to the other instances: none for one process, the cluster relay for
// WORKERS=n, Redis with REDIS_URL. The event target counts listeners, so a test can show that
// disconnected subscribers leave nothing behind.
import { setMaxListeners } from 'node:events';
import { createPubSub, Repeater } from 'graphql-yoga';
import type { BusMessage, Position, Transport } from './transport.js';

export type { BusMessage, Position, Transport } from './transport.js';

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface AllocationEvent {
  kind: ChangeKind;
  allocationId: number;
  /** The row before and after the write (null before a create and after a delete). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export type EventTopics = {
  allocationChanged: [AllocationEvent];
  programTotalsChanged: [programId: number, payload: { programId: number }];
};

/**
 * Given to subscriptions when events may have been missed: this instance lost its link to the
 * others (`connected: false`, from now on), got it back (`connected: true`: refetch now), or
 * another instance reports that what it published for a while reached nobody.
 */
export interface MissedEvents {
  eventsMayBeMissed: true;
  /** Whether this instance hears the other instances again. */
  connected: boolean;
}

export function isMissedEvents(value: unknown): value is MissedEvents {
  return typeof value === 'object' && value !== null && (value as Partial<MissedEvents>).eventsMayBeMissed === true;
}

/** What /ready reports of the bus. */
export interface BusStatus {
  /** `in-process` (one process), `cluster` (the WORKERS relay) or `redis`. */
  transport: string;
  /** Whether writes on other instances reach this one now; cached answers are bypassed while not. */
  connected: boolean;
}

export interface EventsOptions {
  /** How messages reach the other instances; in-process only when absent. */
  transport?: Transport | undefined;
  /**
   * The replication position after this instance's latest write, stamped on every message it
   * sends (the libSQL engine provides it); absent with better-sqlite3, where all read one file.
   */
  position?: (() => Position | undefined) | undefined;
  /**
   * Awaited before a message from another instance that carries a position takes effect here
   * (an event reaches subscribers, an invalidation empties the caches), in arrival order: the
   * local replica catches up to the writer's position first, so no event is resolved, and no
   * answer cached, from data older than the write. When it fails, the message is dropped and
   * subscribers are told events may have been missed.
   */
  catchUp?: ((position: Position) => Promise<void>) | undefined;
  /** Where a failed catch-up is reported. */
  onError?: (message: string, error: unknown) => void;
}

export interface Events {
  /** Subscribers listen here; `publish` is how writes reach them (in every process). */
  pubsub: ReturnType<typeof createPubSub<EventTopics>>;
  /** Publishes to this process's subscribers and to those of the other processes. */
  publish<T extends keyof EventTopics>(topic: T, ...args: EventTopics[T]): void;
  /** Tells the other processes to drop their cached responses (a write happened here). */
  invalidateEverywhere(): void;
  /**
   * Runs `handler` when cached answers may be stale: another process reports a write, or the
   * link to the others is lost or comes back.
   */
  onRemoteInvalidate(handler: () => void): void;
  /** Whether this process hears the others' writes now (always, without a transport). */
  connected(): boolean;
  status(): BusStatus;
  /**
   * Notices for one subscription that events may have been missed; the first at once when the
   * link is down. Ends when the subscription does.
   */
  missedEvents(): AsyncIterable<MissedEvents>;
  /** Listeners currently attached: one per live subscription. */
  listenerCount(): number;
  /** Releases the transport's connections. */
  close(): void;
}

/** An EventTarget that knows how many listeners it has. */
class CountingEventTarget extends EventTarget {
  listeners = 0;

  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    if (args[1]) this.listeners += 1;
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    if (args[1]) this.listeners -= 1;
    super.removeEventListener(...args);
  }
}

/** The event bus of one server process, linked to the other instances when there are several. */
export function createEvents(given?: Transport | EventsOptions): Events {
  const options: EventsOptions = given && 'send' in given ? { transport: given } : (given ?? {});
  const transport = options.transport;
  const target = new CountingEventTarget();
  // yoga's pubsub adds one listener per live subscription, so any number is normal here: Node's
  // default limit of 10 (a leak heuristic for emitters with a fixed set of listeners) printed a
  // MaxListenersExceededWarning at the 11th subscriber. Leaks are caught by `listenerCount()`.
  setMaxListeners(0, target);
  const pubsub = createPubSub<EventTopics>({ eventTarget: target as never });
  const invalidators: (() => void)[] = [];
  const invalidate = () => {
    for (const handler of invalidators) handler();
  };
  // Each live subscription's notice callback.
  const missedListeners = new Set<(notice: MissedEvents) => void>();
  const connected = () => transport?.connected?.() ?? true;
  const tellSubscribers = () => {
    const notice: MissedEvents = { eventsMayBeMissed: true, connected: connected() };
    for (const listener of missedListeners) listener(notice);
  };

  const publishLocally = (message: Extract<BusMessage, { kind: 'event' }>) =>
    (pubsub.publish as (topic: string, ...args: unknown[]) => void)(message.topic, ...message.args);

  // Messages from the others take effect one at a time, in order, each after its catch-up.
  let queue = Promise.resolve();
  const apply = async (message: BusMessage): Promise<void> => {
    if (message.kind === 'gap') {
      invalidate();
      // Half reconnected (hearing, not yet sending), this process tells them itself once it is.
      if (connected()) tellSubscribers();
      return;
    }
    if (message.position !== undefined && options.catchUp) {
      try {
        await options.catchUp(message.position);
      } catch (error) {
        options.onError?.('catching up before a remote event failed; subscribers are told events may have been missed', error);
        invalidate();
        tellSubscribers();
        return;
      }
    }
    if (message.kind === 'event') publishLocally(message);
    else invalidate();
  };
  transport?.onMessage((message) => {
    queue = queue.then(() => apply(message));
  });

  // Sends, remembering whether anything was lost while cut off.
  let lostWhileCutOff = false;
  let everConnected = connected();
  const send = (message: Exclude<BusMessage, { kind: 'gap' }>) => {
    if (!transport) return;
    const position = options.position?.();
    if (transport.send(position === undefined ? message : { ...message, position }) === false) lostWhileCutOff = true;
  };
  transport?.onConnectionChange?.((now) => {
    // Either way the cache may hold answers older than a write this process did not hear of.
    invalidate();
    if (now) {
      // After an outage (or a first connection made late, once this process had written), what
      // this process published meanwhile reached nobody: the others drop caches and tell theirs.
      if (everConnected || lostWhileCutOff) transport.send({ kind: 'gap' });
      lostWhileCutOff = false;
      everConnected = true;
    }
    tellSubscribers();
  });

  return {
    pubsub,
    publish: (topic, ...args) => {
      const message = { kind: 'event', topic, args } as Extract<BusMessage, { kind: 'event' }>;
      publishLocally(message);
      send(message);
    },
    invalidateEverywhere: () => send({ kind: 'invalidate' }),
    onRemoteInvalidate: (handler) => invalidators.push(handler),
    connected,
    status: () => ({ transport: transport?.name ?? (transport ? 'custom' : 'in-process'), connected: connected() }),
    missedEvents: () =>
      new Repeater<MissedEvents>(async (push, stop) => {
        const listener = (notice: MissedEvents) => void push(notice);
        missedListeners.add(listener);
        if (!connected()) void push({ eventsMayBeMissed: true, connected: false });
        await stop;
        missedListeners.delete(listener);
      }),
    listenerCount: () => target.listeners,
    close: () => transport?.close?.(),
  };
}
