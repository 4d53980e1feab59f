// `corroborationCount` and `singleSource` on the figure types: how many distinct sources back a
// figure, batched per request (one GROUP BY per type, however many figures a query returns).
import { type CorroboratedSubject, corroborationCountsOf } from '../../read/corroboration.js';
import type { Context } from '../builder.js';
import { perRequestLoader } from './per-request-loader.js';

const loaders = new Map<CorroboratedSubject, (context: Context) => { load: (id: number) => Promise<number> }>();

/** The per-request loader of corroboration counts for one subject column. */
export function corroborationCounts(subject: CorroboratedSubject) {
  let loader = loaders.get(subject);
  if (!loader) {
    loader = perRequestLoader<number, number>((db, ids) => corroborationCountsOf(db, subject, ids));
    loaders.set(subject, loader);
  }
  return loader;
}

/** The two fields, for an entity's `fields: (t) => ({ ... })`. */
export function corroborationFields(
  t: {
    int: (options: { description: string; resolve: (row: { id: number }, args: object, context: Context) => Promise<number> }) => unknown;
    boolean: (options: {
      description: string;
      resolve: (row: { id: number }, args: object, context: Context) => Promise<boolean>;
    }) => unknown;
  },
  subject: CorroboratedSubject,
): { corroborationCount: never; singleSource: never } {
  return {
    corroborationCount: t.int({
      description:
        'How many distinct sources support this figure (citations with stance SUPPORTS). Sources are counted, not independent reports: two copies of one wire count twice.',
      resolve: (row, _args, context) => corroborationCounts(subject)(context).load(row.id),
    }) as never,
    singleSource: t.boolean({
      description: 'True when only one source supports this figure: worth a second source before relying on it.',
      resolve: async (row, _args, context) => (await corroborationCounts(subject)(context).load(row.id)) === 1,
    }) as never,
  };
}
