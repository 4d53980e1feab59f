// Which columns a filter over allocations involves, so that `allocationSource` (in
// src/read/allocation-source.ts) can pick a rollup table that answers it.
import { toOneLink, type FilterInput, type FilterSpec } from './filters.js';

/**
 * Adds to `into` the column keys a filter input looks at, through AND, OR and NOT. Returns
 * false when it looks at something no rollup keeps (an id, a stated quantity, a date, a text
 * search), so that only `allocations` can answer.
 */
export function addFilterColumns(spec: FilterSpec, input: FilterInput | null | undefined, into: Set<string>): boolean {
  if (input === null || input === undefined) return true;
  for (const [field, value] of Object.entries(input)) {
    // GraphQL's null means "not given", as in toWhere.
    if (value === null || value === undefined) continue;
    if (field === 'AND' || field === 'OR') {
      if (!(value as FilterInput[]).every((item) => addFilterColumns(spec, item, into))) return false;
    } else if (field === 'NOT') {
      if (!addFilterColumns(spec, value as FilterInput, into)) return false;
    } else if (spec.columns[field]) {
      into.add(spec.columns[field]);
    } else if (spec.relations?.[field]) {
      const key = toOneLink(spec, spec.relations[field][0])?.sourceKey;
      if (!key) return false;
      into.add(key);
    } else {
      return false;
    }
  }
  return true;
}
