// What a committed write publishes, keyed by the table it wrote: the entity modules call this
// from their `afterCommit`, so they import the bus, not the subscriptions feature (which imports
// them to type its fields).
import type { AuditOperation } from '../db/enums.js';
import type { Events } from './bus.js';

/** A committed write: the row before and after it (null before a create and after a delete). */
export interface TableChange {
  operation: AuditOperation;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const publishers = {
  /** An allocation write, and the programme totals it moves (both programmes when it moved). */
  allocations: (events: Events, { operation, before, after }: TableChange) => {
    const kind = operation === 'CREATE' ? 'CREATED' : operation === 'UPDATE' ? 'UPDATED' : 'DELETED';
    const row = (after ?? before)!;
    events.publish('allocationChanged', { kind, allocationId: Number(row.id), before, after });
    const programIds = new Set([before?.programId, after?.programId].filter((id) => id !== undefined).map(Number));
    for (const programId of programIds) events.publish('programTotalsChanged', programId, { programId });
  },
  /** A programme write changes its totals (the installed base). */
  programs: (events: Events, { after }: TableChange) => {
    if (after) events.publish('programTotalsChanged', Number(after.id), { programId: Number(after.id) });
  },
  /** A power figure a programme's view shows beside its totals: that view refetches (both programmes when it moved). */
  power_capacities: (events: Events, change: TableChange) => publishProgramFigure(events, change),
  /** A phase a programme's view shows beside its totals: that view refetches. */
  phases: (events: Events, change: TableChange) => publishProgramFigure(events, change),
};

function publishProgramFigure(events: Events, { before, after }: TableChange): void {
  const programIds = new Set([before?.programId, after?.programId].filter((id) => id !== undefined && id !== null).map(Number));
  for (const programId of programIds) events.publish('programTotalsChanged', programId, { programId });
}

/** Publishes the events of a committed write to `table`; called after the commit. */
export function publishTableChange(events: Events, table: keyof typeof publishers, change: TableChange): void {
  publishers[table](events, change);
}
