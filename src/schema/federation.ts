// The Apollo Federation v2 side of the schema: which types other subgraphs can extend, by which
// keys, and how a batch of references is loaded. A reference resolves to a stub `{ id }` after
// one existence (or slug) lookup per type and request; plugin-drizzle then loads every stub's
// selection in one batched query, so `_entities` for N keys costs a constant number of
// statements (a findFirst per key would be N+1).
import { createContextCache } from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { allocations, gpuModels, initiatives, investments, partners, programs, sources } from '../db/schema.js';
import { Allocation } from './allocation.js';
import { builder, type Context } from './builder.js';
import { NotFoundError } from './error-classes.js';
import { GpuModel } from './gpu-model.js';
import { Initiative } from './initiative.js';
import { Investment } from './investment.js';
import { Partner } from './partner.js';
import { Program } from './program.js';
import { Source } from './source.js';

type KeyedTable = SQLiteTable & { id: AnySQLiteColumn; slug?: AnySQLiteColumn };

/** Per request and table: which of the asked ids exist, and the id of each asked slug. */
function referenceLoaders(table: KeyedTable) {
  const byId = createContextCache(
    (context: Context) =>
      new DataLoader<number, number | null>(async (ids) => {
        const found = new Set(
          context.db.select({ id: table.id }).from(table).where(inArray(table.id, [...ids])).all().map((row) => Number(row.id)),
        );
        return ids.map((id) => (found.has(id) ? id : null));
      }),
  );
  const bySlug = createContextCache(
    (context: Context) =>
      new DataLoader<string, number | null>(async (slugs) => {
        const slugColumn = table.slug!;
        const rows = context.db.select({ id: table.id, slug: slugColumn }).from(table).where(inArray(slugColumn, [...slugs])).all();
        const ids = new Map(rows.map((row) => [String(row.slug), Number(row.id)]));
        return slugs.map((slug) => ids.get(slug) ?? null);
      }),
  );
  return { byId, bySlug };
}

/** Loads the row id a reference names, or throws NOT_FOUND for that entity alone. */
async function resolveReference(
  typename: string,
  loaders: ReturnType<typeof referenceLoaders>,
  reference: { id?: string; slug?: string },
  context: Context,
): Promise<{ id: number }> {
  let id: number | null = null;
  if (reference.id !== undefined) {
    let decoded: { typename: string; id: string } | undefined;
    try {
      decoded = decodeGlobalID(reference.id);
    } catch {
      decoded = undefined;
    }
    const numeric = Number(decoded?.id);
    if (decoded?.typename === typename && Number.isSafeInteger(numeric)) id = await loaders.byId(context).load(numeric);
  } else if (reference.slug !== undefined) {
    id = await loaders.bySlug(context).load(reference.slug);
  }
  if (id === null) throw new NotFoundError(typename, reference.id ?? `slug "${reference.slug}"`);
  return { id };
}

const entities: [ref: unknown, typename: string, table: KeyedTable][] = [
  [Program, 'Program', programs],
  [Partner, 'Partner', partners],
  [GpuModel, 'GpuModel', gpuModels],
  [Allocation, 'Allocation', allocations],
  [Initiative, 'Initiative', initiatives],
  [Investment, 'Investment', investments],
  [Source, 'Source', sources],
];

for (const [ref, typename, table] of entities) {
  const loaders = referenceLoaders(table);
  const keys = table.slug
    ? [builder.selection<{ id: string }>('id'), builder.selection<{ slug: string }>('slug')]
    : [builder.selection<{ id: string }>('id')];
  builder.asEntity(ref as typeof Partner, {
    key: keys as ReturnType<typeof builder.selection<{ id: string }>>[],
    // The stub carries only the id: plugin-drizzle sees the missing columns and batch-loads them.
    resolveReference: (reference, context) =>
      resolveReference(typename, loaders, reference as { id?: string; slug?: string }, context) as never,
  });
}
