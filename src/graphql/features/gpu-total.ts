// The GPU total type, honest about how the summed figures are bounded, and its per-request
// loaders for entity fields; the SQL is in src/read/gpu-totals.ts.
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { QuantityBound as Bound } from '../../db/enums.js';
import { allocations } from '../../db/schema.js';
import { gpuTotalOrderExpression, gpuTotalsBy, type BoundPart, type GpuTotalShape } from '../../read/gpu-totals.js';
import { builder } from '../builder.js';
import { QuantityBound } from '../enums.js';
import { perRequestLoader } from './per-request-loader.js';

// Entity files order their lists by a GPU total with this expression.
export { gpuTotalOrderExpression };

/** How a sum of figures is bounded, from the bound kinds of its parts. */
export function combinedBound(kinds: readonly Bound[]): Bound {
  return boundOf(kinds.includes('UP_TO'), kinds.includes('AT_LEAST'), kinds.includes('APPROXIMATE'));
}

function boundOf(upTo: boolean, atLeast: boolean, approximate: boolean): Bound {
  if (approximate || (upTo && atLeast)) return 'APPROXIMATE';
  if (upTo) return 'UP_TO';
  if (atLeast) return 'AT_LEAST';
  return 'EXACT';
}

/**
 * `combinedBound` of a total's parts, read in one pass without a closure or an array per call:
 * it runs for every group of a group-by (1,000 on a dashboard), where the closure and tsx's
 * `__name` wrapper of it were 5% of the request.
 */
function totalBound(total: GpuTotalShape): Bound {
  let upTo = false;
  let atLeast = false;
  let approximate = false;
  for (const part of total.byBound) {
    if (part.bound === 'UP_TO') upTo = true;
    else if (part.bound === 'AT_LEAST') atLeast = true;
    else if (part.bound === 'APPROXIMATE') approximate = true;
  }
  return boundOf(upTo, atLeast, approximate);
}

function partQuantity(total: GpuTotalShape, bound: Bound): number {
  return total.byBound.find((part) => part.bound === bound)?.quantity ?? 0;
}

/** Per-request loaders of the totals through each parent column, one statement per batch. */
const gpuTotalLoader = (column: AnySQLiteColumn) => perRequestLoader<number, GpuTotalShape>((db, ids) => gpuTotalsBy(db, column, ids));

export const programGpuTotals = gpuTotalLoader(allocations.programId);
export const partnerGpuTotals = gpuTotalLoader(allocations.partnerId);
export const initiativeGpuTotals = gpuTotalLoader(allocations.initiativeId);
export const gpuModelGpuTotals = gpuTotalLoader(allocations.gpuModelId);

const BoundBreakdown = builder.objectRef<BoundPart>('BoundBreakdown').implement({
  description: 'The part of a total that rests on figures of one bound kind.',
  fields: (t) => ({
    bound: t.field({ type: QuantityBound, description: 'The bound kind.', resolve: (part) => part.bound }),
    quantity: t.field({ type: 'SafeInt', description: 'GPUs stated with this bound.', resolve: (part) => part.quantity }),
    allocationCount: t.int({ description: 'Allocations stated with this bound.', resolve: (part) => part.allocationCount }),
  }),
});

export const GpuTotal = builder.objectRef<GpuTotalShape>('GpuTotal').implement({
  description:
    'A sum of stated GPU figures and how far to trust it: sources say "up to" and "more than", so a total says which of its parts are exact. Write it as "≈ 260,000" when `bound` is APPROXIMATE.',
  fields: (t) => ({
    quantity: t.field({
      type: 'SafeInt',
      description: 'The sum of the stated figures.',
      resolve: (total) => total.quantity,
    }),
    exact: t.boolean({
      description: 'True when every summed figure is EXACT.',
      resolve: (total) => total.byBound.every((part) => part.bound === 'EXACT'),
    }),
    bound: t.field({
      type: QuantityBound,
      description:
        'How the sum bounds the real number: EXACT if all parts are; AT_LEAST or UP_TO if the inexact parts all say so; APPROXIMATE otherwise.',
      resolve: totalBound,
    }),
    lowerBound: t.field({
      type: 'SafeInt',
      description: 'A floor the sources support: EXACT and AT_LEAST figures only ("at least …").',
      resolve: (total) => partQuantity(total, 'EXACT') + partQuantity(total, 'AT_LEAST'),
    }),
    upperBound: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'A ceiling the sources support (EXACT plus UP_TO figures); null when an AT_LEAST or APPROXIMATE figure leaves it open.',
      resolve: (total) =>
        partQuantity(total, 'AT_LEAST') > 0 || partQuantity(total, 'APPROXIMATE') > 0
          ? null
          : partQuantity(total, 'EXACT') + partQuantity(total, 'UP_TO'),
    }),
    allocationCount: t.int({ description: 'How many allocations are summed.', resolve: (total) => total.allocationCount }),
    byBound: t.field({
      type: [BoundBreakdown],
      description: 'How much of the total rests on each bound kind that occurs.',
      resolve: (total) => total.byBound,
    }),
  }),
});
