// `allocationTotals`: GPU totals grouped by one or several keys, for dashboards. One GROUP BY
// statement with the same predicate as `allocations(filter:)`, read from a rollup table when
// the filter and the keys involve only columns it keeps; the groups add up to the total. The
// SQL is in src/read/allocation-totals.ts; this file decodes, labels and exposes it.
import type { AllocationStatus as Status, PartnerKind as Kind } from '../../db/enums.js';
import { allocationSource, type AllocationSource } from '../../read/allocation-source.js';
import {
  allocationGroupColumns,
  allocationGroupFallbacks,
  allocationGroupKeys,
  readAllocationTotals,
  type AllocationGroupKey as GroupKey,
  type AllocationTotalRows,
} from '../../read/allocation-totals.js';
import { boundKindFields, boundQuantityFields, gpuTotalReader, sumGpuTotals, type GpuTotalShape } from '../../read/gpu-totals.js';
import { groupLabeller, keyColumns } from '../../read/group-labels.js';
import { AllocationFilter, allocationFilterSpec } from '../entities/allocation.js';
import { builder } from '../builder.js';
import { rowById } from '../conventions/node-tables.js';
import { GpuModel } from '../entities/gpu-model.js';
import { Initiative } from '../entities/initiative.js';
import { Partner } from '../entities/partner.js';
import { Program } from '../entities/program.js';
import { AllocationStatus, PartnerKind } from '../enums.js';
import { toWhere, type FilterInput } from '../conventions/filters.js';
import { GpuTotal } from './gpu-total.js';
import { selectsAnyField } from '../conventions/selection.js';
import { addFilterColumns } from './rollups.js';

export const AllocationGroupKey = builder.enumType('AllocationGroupKey', {
  description: 'What allocation totals can be grouped by.',
  values: {
    PROGRAM: { description: 'The programme.' },
    PARTNER: { description: 'The receiving partner.' },
    PARTNER_KIND: { description: "The receiving partner's kind (government, company…)." },
    GPU_MODEL: { description: 'The GPU model; allocations naming none form one group.' },
    STATUS: { description: 'The allocation status.' },
    INITIATIVE: { description: 'The initiative; allocations for none form one group.' },
  } satisfies Record<(typeof allocationGroupKeys)[number], { description: string }>,
});

interface GroupShape {
  programId: number | null;
  partnerId: number | null;
  partnerKind: Kind | null;
  gpuModelId: number | null;
  status: Status | null;
  initiativeId: number | null;
  label: string;
  labelKo: string | null;
  total: GpuTotalShape;
  share: number;
}

interface TotalsShape {
  total: GpuTotalShape;
  groups: GroupShape[];
}

/** The group fields that read the English labels (`labelKo` falls back to them key by key). */
const labelFields: ReadonlySet<string> = new Set(['label', 'labelKo']);
const koreanLabelFields: ReadonlySet<string> = new Set(['labelKo']);

/** The table that answers: a rollup when every column the filter and the keys involve is in one. */
function sourceFor(filter: FilterInput | null | undefined, keys: readonly GroupKey[]): AllocationSource {
  const involved = allocationGroupColumns(keys);
  return allocationSource(addFilterColumns(allocationFilterSpec, filter, involved) ? involved : null);
}

/** Which fields of the groups a request reads, so the rest is neither selected nor computed. */
interface GroupFields {
  label: boolean;
  labelKo: boolean;
}

/** The row position of each key's value, or -1 when the request does not group by it. */
const valuePositions = (columns: readonly string[]) => allocationGroupKeys.map((key) => columns.indexOf(`key:${key}`));

/** The value at `at` of a grouped row; null when the request does not group by that key. */
const valueAt = <T>(row: readonly unknown[], at: number) => (at < 0 ? null : ((row[at] ?? null) as T | null));

/**
 * Decodes and labels the grouped rows in one pass, with every position looked up once per
 * request; the groups split the filtered allocations, so they add up to the total.
 */
function toAllocationTotals(keys: readonly GroupKey[], { columns, rows }: AllocationTotalRows, fields: GroupFields): TotalsShape {
  const toTotal = gpuTotalReader(columns);
  if (keys.length === 0) return { total: sumGpuTotals(rows.map(toTotal)), groups: [] };
  const labeller = groupLabeller(keyColumns(keys, allocationGroupFallbacks), columns);
  const [programAt, partnerAt, partnerKindAt, gpuModelAt, statusAt, initiativeAt] = valuePositions(columns) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const groups: GroupShape[] = new Array(rows.length);
  const groupTotals: GpuTotalShape[] = new Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const total = toTotal(row);
    groupTotals[index] = total;
    groups[index] = {
      programId: valueAt<number>(row, programAt),
      partnerId: valueAt<number>(row, partnerAt),
      partnerKind: valueAt<Kind>(row, partnerKindAt),
      gpuModelId: valueAt<number>(row, gpuModelAt),
      status: valueAt<Status>(row, statusAt),
      initiativeId: valueAt<number>(row, initiativeAt),
      label: fields.label ? labeller.label(row) : '',
      labelKo: fields.labelKo ? labeller.labelKo(row) : null,
      total,
      share: 0,
    };
  }
  const total = sumGpuTotals(groupTotals);
  if (total.quantity !== 0) for (const group of groups) group.share = group.total.quantity / total.quantity;
  return { total, groups };
}

const AllocationGroup = builder.objectRef<GroupShape>('AllocationGroup').implement({
  description: 'The allocations sharing one value of each grouping key, with their total.',
  fields: (t) => ({
    program: t.field({
      type: Program,
      nullable: true,
      description: 'The programme, when grouping by PROGRAM.',
      resolve: (group) => rowById(group.programId),
    }),
    partner: t.field({
      type: Partner,
      nullable: true,
      description: 'The partner, when grouping by PARTNER.',
      resolve: (group) => rowById(group.partnerId),
    }),
    partnerKind: t.field({
      type: PartnerKind,
      nullable: true,
      description: 'The partner kind, when grouping by PARTNER_KIND.',
      resolve: (group) => group.partnerKind,
    }),
    gpuModel: t.field({
      type: GpuModel,
      nullable: true,
      description: 'The GPU model, when grouping by GPU_MODEL; null also for the group of allocations naming none.',
      resolve: (group) => rowById(group.gpuModelId),
    }),
    status: t.field({
      type: AllocationStatus,
      nullable: true,
      description: 'The status, when grouping by STATUS.',
      resolve: (group) => group.status,
    }),
    initiative: t.field({
      type: Initiative,
      nullable: true,
      description: 'The initiative, when grouping by INITIATIVE; null also for allocations for none.',
      resolve: (group) => rowById(group.initiativeId),
    }),
    label: t.string({ description: 'The group\'s key values in English, joined with " · ".', resolve: (group) => group.label }),
    labelKo: t.string({
      nullable: true,
      description: 'The same in Korean where names have Korean forms; null when no key has one.',
      resolve: (group) => group.labelKo,
    }),
    gpuTotal: t.field({ type: GpuTotal, description: 'GPUs in this group.', resolve: (group) => group.total }),
    allocationCount: t.int({ description: 'Allocations in this group.', resolve: (group) => group.total.allocationCount }),
    share: t.float({
      description: "This group's GPUs as a fraction (0 to 1) of the filtered total.",
      resolve: (group) => group.share,
    }),
  }),
});

const AllocationTotals = builder.objectRef<TotalsShape>('AllocationTotals').implement({
  description: 'GPU totals of the filtered allocations, overall and per group.',
  fields: (t) => ({
    gpuTotal: t.field({ type: GpuTotal, description: 'All filtered allocations together.', resolve: (totals) => totals.total }),
    groups: t.field({
      type: [AllocationGroup],
      description:
        'One entry per combination of key values, largest total first; ties in ascending order of the key values (ids, or enum values).',
      resolve: (totals) => totals.groups,
    }),
  }),
});

builder.queryField('allocationTotals', (t) =>
  t.field({
    type: AllocationTotals,
    description:
      'GPU totals grouped by one or more keys, e.g. `groupBy: [PARTNER_KIND]` or `[PARTNER, GPU_MODEL]`. Takes the same filter as `allocations`.',
    args: {
      filter: t.arg({ type: AllocationFilter, description: 'Which allocations to count.' }),
      groupBy: t.arg({
        type: [AllocationGroupKey],
        required: true,
        description: 'The grouping keys, in the order the labels list them; an empty list gives the total alone.',
      }),
    },
    resolve: (_root, args, context, info) => {
      const keys = [...new Set(args.groupBy)];
      const source = sourceFor(args.filter, keys);
      const predicate = source.predicate(toWhere(allocationFilterSpec, args.filter));
      const quantities = selectsAnyField(info, boundQuantityFields);
      const counts = quantities || selectsAnyField(info, boundKindFields);
      const fields = { label: selectsAnyField(info, labelFields), labelKo: selectsAnyField(info, koreanLabelFields) };
      const labels = fields.label || fields.labelKo;
      const rows = readAllocationTotals(context.db, { source, predicate, keys, quantities, counts, labels, koreanLabels: fields.labelKo });
      return toAllocationTotals(keys, rows, fields);
    },
  }),
);
