// The ordering convention: `orderBy: [XOrder!]`, each `{ field, direction }`, applied in order.
// The connection adds the primary key as a final tie-break, so every ordering is total and
// keyset cursors visit each row exactly once.
import type { SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { builder } from '../builder.js';

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Which way to sort.',
  values: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  },
});

type Direction = 'ASC' | 'DESC';

/** A sort key: a column of the table, or a named SQL expression over the (aliased) table. */
interface SortKey {
  column: string;
  description: string;
  expression?: OrderExpression;
}

/** An expression over the table drizzle passes in (aliased in nested queries). */
export type OrderExpression = (table: { id: AnySQLiteColumn }) => SQL;

/**
 * Declares `<Type>OrderField` and `<Type>Order` for the given sortable fields, and returns the
 * input type with a function turning the argument into a drizzle `orderBy` object.
 */
export function orderInput<F extends string>(typeName: string, fields: Record<F, SortKey>) {
  const fieldEnum = builder.enumType(`${typeName}OrderField`, {
    description: `What ${typeName} lists can be sorted by.`,
    values: Object.fromEntries(
      Object.entries<{ description: string }>(fields).map(([name, { description }]) => [name, { description }]),
    ) as Record<F, { description: string }>,
  });
  const input = builder.inputType(`${typeName}Order`, {
    description: `One sort key for ${typeName} lists.`,
    fields: (t) => ({
      field: t.field({ type: fieldEnum, required: true, description: 'What to sort by.' }),
      direction: t.field({
        type: OrderDirection,
        required: true,
        defaultValue: 'ASC',
        description: 'Which way; ascending unless given.',
      }),
    }),
  });
  /** The `orderBy` (and any `extras` it sorts by) to pass to a plugin-drizzle query. */
  const toQuery = (
    orders: readonly { field: F; direction: Direction }[] | null | undefined,
    fallback: readonly { field: F; direction: Direction }[],
    // The extras are typed as adding no fields: they exist only for plugin-drizzle to sort and
    // build cursors by, and no resolver reads them from the row.
  ): { orderBy: Record<string, 'asc' | 'desc'>; extras?: Record<never, OrderExpression> } => {
    const orderBy: Record<string, 'asc' | 'desc'> = {};
    const extras: Record<string, OrderExpression> = {};
    for (const { field, direction } of orders?.length ? orders : fallback) {
      const key: SortKey = fields[field];
      if (key.column in orderBy) continue;
      orderBy[key.column] = direction === 'ASC' ? 'asc' : 'desc';
      if (key.expression) extras[key.column] = key.expression;
    }
    return Object.keys(extras).length > 0 ? { orderBy, extras } : { orderBy };
  };
  return { input, toQuery };
}
