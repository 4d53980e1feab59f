// The one way totals are batched per request: plugin-dataloader's `dataloaderGetter` (a
// DataLoader per context, cleared by its `clearAllDataLoaders`), fed by a read in src/read/.
// The entity files ask `loader(context).load(id)` in their resolvers, so the loaders are
// getters rather than `t.loadable` fields.
import { dataloaderGetter } from '@pothos/plugin-dataloader';
import type { Options } from 'dataloader';
import type { Db } from '../../db/client.js';
import type { Context } from '../builder.js';

/** A per-request loader: `read` answers every key of one batch, in order, with one statement. */
export function perRequestLoader<K, V>(read: (db: Db, keys: readonly K[]) => readonly (V | Error)[], options?: Options<K, V, unknown>) {
  const getter = dataloaderGetter<K, V, unknown>(options, async (keys, context) => read((context as Context).db, keys), undefined, false);
  return (context: Context) => getter(context);
}
