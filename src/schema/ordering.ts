// The ordering convention: `orderBy: [XOrder!]`, each `{ field, direction }`, applied in order.
// The connection adds the primary key as a final tie-break, so every ordering is total and
// keyset cursors visit each row exactly once.
import { builder } from './builder.js';

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Which way to sort.',
  values: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  },
});

type Direction = 'ASC' | 'DESC';

/**
 * Declares `<Type>OrderField` and `<Type>Order` for the given sortable fields, and returns the
 * input type with a function turning the argument into a drizzle `orderBy` object.
 */
export function orderInput<F extends string>(
  typeName: string,
  fields: Record<F, { column: string; description: string }>,
) {
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
  const toOrderBy = (
    orders: readonly { field: F; direction: Direction }[] | null | undefined,
    fallback: readonly { field: F; direction: Direction }[],
  ): Record<string, 'asc' | 'desc'> => {
    const orderBy: Record<string, 'asc' | 'desc'> = {};
    for (const { field, direction } of orders?.length ? orders : fallback) {
      const column = fields[field].column;
      if (!(column in orderBy)) orderBy[column] = direction === 'ASC' ? 'asc' : 'desc';
    }
    return orderBy;
  };
  return { input, toOrderBy };
}
