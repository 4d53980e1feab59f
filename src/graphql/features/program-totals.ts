// Programme-level figures: distinct partners and national capacity before and after.
import type { QuantityBound as Bound } from '../../db/enums.js';
import { programPartnerCountsOf } from '../../read/program-partner-counts.js';
import type { GpuTotalShape } from '../../read/gpu-totals.js';
import { builder } from '../builder.js';
import { QuantityBound } from '../enums.js';
import { combinedBound, GpuTotal } from './gpu-total.js';
import { perRequestLoader } from './per-request-loader.js';

/** Distinct partners with allocations, per programme, in one GROUP BY for all programmes asked. */
export const programPartnerCounts = perRequestLoader<number, number>(programPartnerCountsOf);

interface NationalCapacityShape {
  before: number | null;
  beforeBound: Bound | null;
  /** The capacity after the programme as the sources state it, not computed. */
  stated: number | null;
  statedBound: Bound | null;
  added: GpuTotalShape;
}

/** The part of a figure that is a floor the sources support: EXACT and AT_LEAST figures only. */
const floorOf = (quantity: number, bound: Bound) => (bound === 'EXACT' || bound === 'AT_LEAST' ? quantity : 0);

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
    stated: t.field({
      type: 'SafeInt',
      nullable: true,
      description:
        'The capacity after the programme as the sources state it (Korea: 300,000, "30만 개 이상"), cited on the programme field `statedCapacityAfter`; null when no source states one. Show this, not `after`.',
      resolve: (capacity) => capacity.stated,
    }),
    statedBound: t.field({
      type: QuantityBound,
      nullable: true,
      description: 'How the sources bound `stated` (Korea: AT_LEAST, "more than 300,000").',
      resolve: (capacity) => capacity.statedBound,
    }),
    afterComputed: t.boolean({
      description: 'Always true: `after` and its bounds are computed from `before` and `added`, not stated by any source.',
      resolve: () => true,
    }),
    after: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Computed: `before` plus `added.quantity`, a sum no source states (see `stated`); null when `before` is unknown.',
      resolve: (capacity) => (capacity.before === null ? null : capacity.before + capacity.added.quantity),
    }),
    afterLowerBound: t.field({
      type: 'SafeInt',
      nullable: true,
      description:
        'Computed floor of `after` consistent with its parts: the EXACT and AT_LEAST parts of `before` and `added` only (an "about" figure sets no floor); null when `before` is unknown.',
      resolve: (capacity) =>
        capacity.before === null || capacity.beforeBound === null
          ? null
          : floorOf(capacity.before, capacity.beforeBound) +
            capacity.added.byBound.reduce((sum, part) => sum + floorOf(part.quantity, part.bound), 0),
    }),
    afterUpperBound: t.field({
      type: 'SafeInt',
      nullable: true,
      description:
        'Computed ceiling of `after` consistent with its parts (EXACT and UP_TO figures); null when an AT_LEAST or APPROXIMATE part leaves it open or `before` is unknown.',
      resolve: (capacity) => {
        if (capacity.before === null || capacity.beforeBound === null) return null;
        const parts = [{ quantity: capacity.before, bound: capacity.beforeBound }, ...capacity.added.byBound];
        if (parts.some((part) => part.bound === 'AT_LEAST' || part.bound === 'APPROXIMATE')) return null;
        return parts.reduce((sum, part) => sum + part.quantity, 0);
      },
    }),
    afterBound: t.field({
      type: QuantityBound,
      nullable: true,
      description: 'How the computed `after` is bounded, from the bounds of its parts.',
      resolve: (capacity) =>
        capacity.beforeBound === null ? null : combinedBound([capacity.beforeBound, ...capacity.added.byBound.map((part) => part.bound)]),
    }),
  }),
});
