// Connections several types share, declared once: `citations` and `discrepancies` on every fact
// type, `allocations` and `investments` on the types that have them. Each type's drizzle relation
// of the same name does the joining; these set the arguments and the ordering.
import { builder } from '../builder.js';
import { AllocationFilter, allocationFilterSpec, allocationOrder } from '../entities/allocation.js';
import { CitationFilter, citationFilterSpec } from '../entities/citation.js';
import { DiscrepancyFilter, discrepancyFilterSpec } from '../entities/discrepancy.js';
import { toWhere, type FilterInput } from '../conventions/filters.js';
import { InvestmentFilter, investmentFilterSpec, investmentOrder } from '../entities/investment.js';

/**
 * The slice of a plugin-drizzle field builder these helpers use. Typed loosely on purpose: each
 * entity's builder is a different generic instance, and the relation names are the same on all.
 */
interface RelatedConnectionBuilder<Relation extends string> {
  relatedConnection(relation: Relation, options: object): unknown;
}

// Made per field, not at module load: the filter inputs live in modules that import this one.
const citationArgs = () => builder.args((t) => ({ filter: t.field({ type: CitationFilter, description: 'Which citations to return.' }) }));
const discrepancyArgs = () =>
  builder.args((t) => ({ filter: t.field({ type: DiscrepancyFilter, description: 'Which discrepancies to return.' }) }));

/** `citations(filter:)`: the sources for this object, oldest citation first. */
export function citationsConnection(t: RelatedConnectionBuilder<'citations'>, description: string): never {
  return t.relatedConnection('citations', {
    description,
    totalCount: true,
    args: citationArgs(),
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(citationFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}

/** `discrepancies(filter:)`: where sources disagree about this object. */
export function discrepanciesConnection(t: RelatedConnectionBuilder<'discrepancies'>, description: string): never {
  return t.relatedConnection('discrepancies', {
    description,
    totalCount: true,
    args: discrepancyArgs(),
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(discrepancyFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}

type OrderArgument<T extends { toQuery: (...args: never[]) => unknown }> = Parameters<T['toQuery']>[0];

/** `allocations(filter:, orderBy:)`: largest first unless `orderBy` says otherwise. */
export function allocationsConnection(t: RelatedConnectionBuilder<'allocations'>, description: string): never {
  return t.relatedConnection('allocations', {
    description,
    totalCount: true,
    args: builder.args((a) => ({
      filter: a.field({ type: AllocationFilter, description: 'Which allocations to return.' }),
      orderBy: a.field({ type: [allocationOrder.input], description: 'Sort keys, applied in order.' }),
    })),
    query: (args: { filter?: FilterInput | null; orderBy?: OrderArgument<typeof allocationOrder> }) => ({
      where: toWhere(allocationFilterSpec, args.filter),
      ...allocationOrder.toQuery(args.orderBy, [{ field: 'QUANTITY', direction: 'DESC' }]),
    }),
  }) as never;
}

/** `investments(filter:, orderBy:)`: newest first unless `orderBy` says otherwise. */
export function investmentsConnection(t: RelatedConnectionBuilder<'investments'>, description: string): never {
  return t.relatedConnection('investments', {
    description,
    totalCount: true,
    args: builder.args((a) => ({
      filter: a.field({ type: InvestmentFilter, description: 'Which investments to return.' }),
      orderBy: a.field({ type: [investmentOrder.input], description: 'Sort keys, applied in order.' }),
    })),
    query: (args: { filter?: FilterInput | null; orderBy?: OrderArgument<typeof investmentOrder> }) => ({
      where: toWhere(investmentFilterSpec, args.filter),
      ...investmentOrder.toQuery(args.orderBy, [{ field: 'ANNOUNCED_ON', direction: 'DESC' }]),
    }),
  }) as never;
}
