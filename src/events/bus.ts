// Change events for live updates. Writes publish them after their transaction commits (a rolled
// back write publishes nothing); subscriptions listen. The event target counts listeners, so a
// test can show that disconnected subscribers leave nothing behind.
import { setMaxListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';

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

/** What processes serving one database tell each other (see src/server/cluster.ts). */
export type BusMessage =
  | { kind: 'event'; topic: 'allocationChanged'; args: EventTopics['allocationChanged'] }
  | { kind: 'event'; topic: 'programTotalsChanged'; args: EventTopics['programTotalsChanged'] }
  | { kind: 'invalidate' };

/** A channel to the other processes; absent when the service runs as one process. */
export interface ClusterLink {
  send(message: BusMessage): void;
  onMessage(handler: (message: BusMessage) => void): void;
}

export interface Events {
  /** Subscribers listen here; `publish` is how writes reach them (in every process). */
  pubsub: ReturnType<typeof createPubSub<EventTopics>>;
  /** Publishes to this process's subscribers and to those of the other processes. */
  publish<T extends keyof EventTopics>(topic: T, ...args: EventTopics[T]): void;
  /** Tells the other processes to drop their cached responses (a write happened here). */
  invalidateEverywhere(): void;
  /** Runs `handler` when another process reports a write. */
  onRemoteInvalidate(handler: () => void): void;
  /** Listeners currently attached: one per live subscription. */
  listenerCount(): number;
}

/** The event bus of one server process, linked to its siblings when there are several. */
export function createEvents(link?: ClusterLink): Events {
  const target = new CountingEventTarget();
  // yoga's pubsub adds one listener per live subscription, so any number is normal here: Node's
  // default limit of 10 (a leak heuristic for emitters with a fixed set of listeners) printed a
  // MaxListenersExceededWarning at the 11th subscriber. Leaks are caught by `listenerCount()`.
  setMaxListeners(0, target);
  const pubsub = createPubSub<EventTopics>({ eventTarget: target as never });
  const invalidators: (() => void)[] = [];
  const publishLocally = (message: Extract<BusMessage, { kind: 'event' }>) =>
    (pubsub.publish as (topic: string, ...args: unknown[]) => void)(message.topic, ...message.args);
  link?.onMessage((message) => {
    if (message.kind === 'event') publishLocally(message);
    else for (const handler of invalidators) handler();
  });
  return {
    pubsub,
    publish: (topic, ...args) => {
      const message = { kind: 'event', topic, args } as Extract<BusMessage, { kind: 'event' }>;
      publishLocally(message);
      link?.send(message);
    },
    invalidateEverywhere: () => link?.send({ kind: 'invalidate' }),
    onRemoteInvalidate: (handler) => invalidators.push(handler),
    listenerCount: () => target.listeners,
  };
}
