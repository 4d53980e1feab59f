// The `citations` and `discrepancies` connections every fact type has, declared once. Each type's
// drizzle relation of the same name does the joining; these set the arguments and ordering.
import { builder } from './builder.js';
import { CitationFilter, citationFilterSpec } from './citation.js';
import { DiscrepancyFilter, discrepancyFilterSpec } from './discrepancy.js';
import { toWhere, type FilterInput } from './filters.js';

/**
 * The slice of a plugin-drizzle field builder these helpers use. Typed loosely on purpose: each
 * entity's builder is a different generic instance, and the relation names are the same on all.
 */
interface RelatedConnectionBuilder {
  relatedConnection(
    relation: 'citations' | 'discrepancies',
    options: object,
  ): unknown;
}

// Made per field, not at module load: the filter inputs live in modules that import this one.
const citationArgs = () =>
  builder.args((t) => ({ filter: t.field({ type: CitationFilter, description: 'Which citations to return.' }) }));
const discrepancyArgs = () =>
  builder.args((t) => ({ filter: t.field({ type: DiscrepancyFilter, description: 'Which discrepancies to return.' }) }));

/** `citations(filter:)`: the sources for this object, oldest citation first. */
export function citationsConnection(t: RelatedConnectionBuilder, description: string): never {
  return t.relatedConnection('citations', {
    description,
    totalCount: true,
    args: citationArgs(),
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(citationFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}

/** `discrepancies(filter:)`: where sources disagree about this object. */
export function discrepanciesConnection(t: RelatedConnectionBuilder, description: string): never {
  return t.relatedConnection('discrepancies', {
    description,
    totalCount: true,
    args: discrepancyArgs(),
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(discrepancyFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}
