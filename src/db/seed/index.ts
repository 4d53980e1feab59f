// The datasets bundled with the service, loaded in this order on first start and by `db:seed`.
import type { Db } from '../client.js';
import type { Dataset } from './dataset.js';
import { korea2025 } from './korea-2025.js';
import { loadDataset, type LoadResult } from './load.js';

export const bundledDatasets: readonly Dataset[] = [korea2025];

/** Loads every bundled dataset this database does not have yet. */
export function seedDatabase(db: Db): LoadResult[] {
  return bundledDatasets.map((dataset) => loadDataset(db, dataset));
}
