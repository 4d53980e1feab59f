// Programme-level figures: distinct partners and national capacity before and after.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { countDistinct, inArray } from 'drizzle-orm';
import type { QuantityBound as Bound } from '../db/enums.js';
import { builder, type Context } from './builder.js';
import { QuantityBound } from './enums.js';
import { combinedBound, GpuTotal, type GpuTotalShape } from './gpu-total.js';
import { allocationSource } from './rollups.js';

/** Distinct partners with allocations, per programme, in one GROUP BY for all programmes asked. */
export const programPartnerCounts = createContextCache(
  (context: Context) =>
    new DataLoader<number, number>(async (ids) => {
      const source = allocationSource(['programId', 'partnerId']);
      const programId = source.columns.programId!;
      const rows = context.db
        .select({ programId, partners: countDistinct(source.columns.partnerId!) })
        .from(source.table)
        .where(inArray(programId, [...ids]))
        .groupBy(programId)
        .all() as { programId: number; partners: number }[];
      const byProgram = new Map(rows.map((row) => [row.programId, row.partners]));
      return ids.map((id) => byProgram.get(id) ?? 0);
    }),
);

interface NationalCapacityShape {
  before: number | null;
  beforeBound: Bound | null;
  added: GpuTotalShape;
}

export const NationalCapacity = builder.objectRef<NationalCapacityShape>('NationalCapacity').implement({
  description: "A country's GPU capacity before a programme, what the programme adds, and the result.",
  fields: (t) => ({
    before: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'GPUs installed before the programme; null when unknown.',
      resolve: (capacity) => capacity.before,
    }),
    beforeBound: t.field({
      type: QuantityBound,
      nullable: true,
      description: 'How the sources bound `before` (Korea: "about 65,000").',
      resolve: (capacity) => capacity.beforeBound,
    }),
    added: t.field({ type: GpuTotal, description: 'GPUs the programme allocates.', resolve: (capacity) => capacity.added }),
    after: t.field({
      type: 'SafeInt',
      nullable: true,
      description: '`before` plus `added.quantity`; null when `before` is unknown.',
      resolve: (capacity) => (capacity.before === null ? null : capacity.before + capacity.added.quantity),
    }),
    afterBound: t.field({
      type: QuantityBound,
      nullable: true,
      description: 'How `after` is bounded, from the bounds of its parts.',
      resolve: (capacity) =>
        capacity.beforeBound === null
          ? null
          : combinedBound([capacity.beforeBound, ...capacity.added.byBound.map((part) => part.bound)]),
    }),
  }),
});
