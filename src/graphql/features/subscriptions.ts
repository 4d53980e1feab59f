// Live updates: allocation changes (filtered like `allocations`) and programme totals.
import { initContextCache } from '@pothos/core';
import { eq, getTableColumns, relationsFilterToSQL, sql, type AnyRelationsFilter, type SQL } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { filter, pipe, Repeater } from 'graphql-yoga';
import type { Db } from '../../db/client.js';
import { relations } from '../../db/relations.js';
import { allocations, programs } from '../../db/schema.js';
import { Allocation, AllocationFilter, allocationFilterSpec } from '../entities/allocation.js';
import { builder, type Context } from '../builder.js';
import { NotFoundError } from '../conventions/error-classes.js';
import { encodeGlobalId } from '../conventions/global-id.js';
import { isMissedEvents, type AllocationEvent, type MissedEvents } from '../../events/bus.js';
import { toWhere, type FilterInput } from '../conventions/filters.js';
import { Program } from '../entities/program.js';

/**
 * Each event is resolved with fresh per-request caches (DataLoaders, plugin-drizzle's loaders):
 * a subscription keeps one context for its whole life, and totals must not come from the
 * previous event.
 */
function freshCaches(context: Context): void {
  Object.assign(context, initContextCache());
}

/**
 * Whether an allocation, as it is after the change (or was, before a delete), matches a filter.
 * The row is bound as a CTE named `allocations`, shadowing the table, so the filter's SQL
 * (relation filters included) runs unchanged against it: the same predicate as the list.
 */
function matches(db: Db, row: Record<string, unknown>, where: Record<string, unknown> | undefined): boolean {
  if (!where) return true;
  const columns = getTableColumns(allocations);
  const values = Object.entries(columns).map(([key, column]) => sql`${row[key] ?? null} AS ${sql.identifier(column.name)}`);
  const predicate = relationsFilterToSQL(allocations, where as AnyRelationsFilter, relations.allocations.relations, relations) as SQL;
  const found = db.get<{ hit: number }>(
    sql`WITH ${sql.identifier('allocations')} AS (SELECT ${sql.join(values, sql`, `)}) SELECT 1 AS hit FROM ${sql.identifier('allocations')} WHERE ${predicate}`,
  );
  return found !== undefined;
}

/**
 * A subscription's events, with the bus's notices that events may have been missed woven in
 * (Redis lost or back): the client refetches what it shows instead of trusting a silent stream.
 */
function withMissedEvents<T>(context: Context, events: AsyncIterable<T>): AsyncIterable<T | MissedEvents> {
  const streams: AsyncIterable<T | MissedEvents>[] = [events, context.events.missedEvents()];
  return Repeater.merge(streams) as AsyncIterable<T | MissedEvents>;
}

/**
 * A notice as a result of its own on the stream, which goes on: `data` null and one error coded
 * EVENTS_MAY_BE_MISSED, whose `connected` extension says whether events flow again.
 */
function missedEventsError(notice: MissedEvents): GraphQLError {
  return new GraphQLError(
    notice.connected
      ? 'Events may have been missed while this server could not hear the other instances; they flow again. Refetch what you show.'
      : 'This server cannot hear the other instances: events from writes made there may be missed until it can. Refetch what you show when told they flow again.',
    { extensions: { code: 'EVENTS_MAY_BE_MISSED', connected: notice.connected } },
  );
}

const ChangeKind = builder.enumType('ChangeKind', {
  description: 'What a write did to an object.',
  values: {
    CREATED: { description: 'It was created.' },
    UPDATED: { description: 'It was changed.' },
    DELETED: { description: 'It was deleted.' },
  },
});

const AllocationChange = builder.objectRef<AllocationEvent>('AllocationChange').implement({
  description: 'An allocation that was created, changed or deleted.',
  fields: (t) => ({
    kind: t.field({ type: ChangeKind, description: 'What happened.', resolve: (event) => event.kind }),
    allocationId: t.id({
      description: "The allocation's global ID (it may no longer exist).",
      resolve: (event) => encodeGlobalId('Allocation', event.allocationId),
    }),
    allocation: t.field({
      type: Allocation,
      nullable: true,
      description: 'The allocation as it is now; null when it was deleted.',
      resolve: (event) => (event.after ?? null) as never,
    }),
    program: t.field({
      type: Program,
      description: 'The programme it belongs to, with its totals after the change.',
      resolve: (event) => ({ id: Number((event.after ?? event.before)!.programId) }) as never,
    }),
  }),
});

builder.subscriptionFields((t) => ({
  allocationChanged: t.field({
    type: AllocationChange,
    description: 'Every allocation created, changed or deleted that matches `filter` (as it is after the change, or was before a delete).',
    args: { filter: t.arg({ type: AllocationFilter, description: 'Which allocations to watch; all of them when absent.' }) },
    subscribe: (_root, args, context) => {
      const where = toWhere(allocationFilterSpec, args.filter as FilterInput | null | undefined);
      return withMissedEvents(
        context,
        pipe(
          context.events.pubsub.subscribe('allocationChanged'),
          filter((event: AllocationEvent) => matches(context.db, (event.after ?? event.before)!, where)),
        ),
      );
    },
    resolve: (event: AllocationEvent | MissedEvents, _args, context) => {
      if (isMissedEvents(event)) throw missedEventsError(event);
      freshCaches(context);
      return event;
    },
  }),
  programTotalsChanged: t.field({
    type: Program,
    description:
      'The programme, with its totals recomputed, after every write that changes them (allocations, the installed base) or a figure shown beside them (power capacities, phases).',
    args: { slug: t.arg.string({ required: true, description: 'The programme, e.g. `korea-2025`.' }) },
    subscribe: (_root, args, context) => {
      const program = context.db.select({ id: programs.id }).from(programs).where(eq(programs.slug, args.slug)).get();
      if (!program) throw new NotFoundError('Program', `slug "${args.slug}"`);
      return withMissedEvents(context, context.events.pubsub.subscribe('programTotalsChanged', program.id));
    },
    resolve: (payload: { programId: number } | MissedEvents, _args, context) => {
      if (isMissedEvents(payload)) throw missedEventsError(payload);
      freshCaches(context);
      return { id: payload.programId } as never;
    },
  }),
}));
