// Which columns a filter over allocations involves, so that `allocationSource` (in
// src/read/allocation-source.ts) can pick a rollup table that answers it.

/**
 * Adds to `into` the allocation columns a filter input looks at; false when only `allocations`
 * can answer it. The walk is src/read/filters.ts's, the one `toWhere` uses.
 */
export { filterColumns as addFilterColumns } from '../../read/filters.js';
