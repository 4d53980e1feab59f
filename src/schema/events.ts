// Change events for live updates. Writes publish them after their transaction commits (a rolled
// back write publishes nothing); subscriptions listen. The event target counts listeners, so a
// test can show that disconnected subscribers leave nothing behind.
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

export interface Events {
  pubsub: ReturnType<typeof createPubSub<EventTopics>>;
  /** Listeners currently attached: one per live subscription. */
  listenerCount(): number;
}

/** The event bus of one server process. */
export function createEvents(): Events {
  const target = new CountingEventTarget();
  return {
    pubsub: createPubSub<EventTopics>({ eventTarget: target as never }),
    listenerCount: () => target.listeners,
  };
}
