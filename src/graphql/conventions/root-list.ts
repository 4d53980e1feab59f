// The root-list convention: `things(filter:, orderBy:, first:, after:…)` on Query, a connection
// with `totalCount`, filtered and sorted in SQL. Declared once here for every root list; each
// entity passes its table, its filter (from `defineFilter`) and its ordering.
import type { relations } from '../../db/relations.js';
import { countWhere, toWhere, type FilterInput, type Where } from '../../read/filters.js';
import { builder, type Context } from '../builder.js';
import { noteRootQuery } from '../planner/planner-plugin.js';
import type { FilterDefinition } from './filters.js';

type Direction = 'ASC' | 'DESC';
type OrderKey<F extends string> = { field: F; direction: Direction };

/** What `orderInput` returns for one type (src/graphql/conventions/ordering.ts). */
interface Ordering<F extends string> {
  /** The `<Type>Order` input. */
  input: object;
  toQuery(orders: readonly OrderKey<F>[] | null | undefined, fallback: readonly OrderKey<F>[]): object;
}

/**
 * The slice of plugin-drizzle's root field builder used here. Typed loosely on purpose: each
 * table makes `drizzleConnection` a different generic instance, and the options are the same.
 */
interface RootFieldBuilder {
  drizzleConnection(options: object): unknown;
}

interface RootListArgs<F extends string> {
  filter?: FilterInput | null;
  orderBy?: readonly { field: F; direction: Direction }[] | null;
}

/** A query's findMany on one table, as plugin-drizzle's `query(…)` hands it the selection. */
type FindMany = (query: object) => { prepare(): { all(): unknown } };

export interface RootListOptions<F extends string> {
  /** The drizzle relations key of the listed table. */
  table: keyof typeof relations;
  description: string;
  filter: FilterDefinition;
  /** The `filter` argument's description, e.g. "Which programmes to return." */
  filterDescription: string;
  order: Ordering<F>;
  /** The order when `orderBy` is not given. */
  defaultOrder: readonly { field: F; direction: Direction }[];
}

/**
 * A root list. The `where` of one request is built once and shared by the page query and
 * `totalCount`: plugin-drizzle calls both with the same arguments object.
 */
export function rootList<F extends string>(t: RootFieldBuilder, options: RootListOptions<F>): never {
  const { table, filter, order, defaultOrder } = options;
  const wheres = new WeakMap<object, Where | undefined>();
  const whereOf = (args: RootListArgs<F>) => {
    if (!wheres.has(args)) wheres.set(args, toWhere(filter.spec, args.filter));
    return wheres.get(args);
  };
  const totalCountOf = (args: RootListArgs<F>, context: Context) => countWhere(context.db, table, whereOf(args));
  return t.drizzleConnection({
    type: table,
    description: options.description,
    // The read planner serves the nested lists beneath from this field's one query (src/graphql/planner/).
    // It reruns a document's query from what `resolve` notes, with `totalCount` from here.
    extensions: { readPlannerRoot: true, readPlannerTotalCount: totalCountOf },
    args: builder.args((a) => ({
      filter: a.field({ type: filter.input, description: options.filterDescription }),
      orderBy: a.field({ type: [order.input as never], description: 'Sort keys, applied in order.' }),
    })),
    totalCount: (_root: unknown, args: RootListArgs<F>, context: Context) => totalCountOf(args, context),
    resolve: (
      query: (options: object) => { limit?: unknown; orderBy?: unknown },
      _root: unknown,
      args: RootListArgs<F>,
      context: Context,
    ) => {
      const rows = context.db.query[table] as unknown as { findMany: FindMany };
      const selection = query({ where: whereOf(args), ...order.toQuery(args.orderBy, defaultOrder) });
      noteRootQuery(args, { prepare: () => rows.findMany(selection).prepare(), limit: selection.limit, orderBy: selection.orderBy });
      return rows.findMany(selection);
    },
  }) as never;
}
