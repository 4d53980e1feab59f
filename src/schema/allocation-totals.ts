// `allocationTotals`: GPU totals grouped by one or several keys, for dashboards. One GROUP BY
// statement with the same predicate as `allocations(filter:)`, read from a rollup table when
// the filter and the keys involve only columns it keeps; the groups add up to the total.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { gpuModels, initiatives, partners, programs } from '../db/schema.js';
import type { AllocationStatus as Status, PartnerKind as Kind } from '../db/enums.js';
import { AllocationFilter, allocationFilterSpec } from './allocation.js';
import { builder } from './builder.js';
import { rowById } from './node-tables.js';
import { GpuModel } from './gpu-model.js';
import { Initiative } from './initiative.js';
import { Partner } from './partner.js';
import { Program } from './program.js';
import { AllocationStatus, PartnerKind } from './enums.js';
import { toWhere } from './filters.js';
import { boundQuantityFields, GpuTotal, gpuTotalSelection, sumGpuTotals, toGpuTotal, type GpuTotalShape } from './gpu-total.js';
import { selectsAnyField } from './selection.js';
import { addFilterColumns, allocationSource, type AllocationColumnKey } from './rollups.js';

type SourceColumns = Record<string, AnySQLiteColumn>;

const groupKeys = ['PROGRAM', 'PARTNER', 'PARTNER_KIND', 'GPU_MODEL', 'STATUS', 'INITIATIVE'] as const;
type GroupKey = (typeof groupKeys)[number];

export const AllocationGroupKey = builder.enumType('AllocationGroupKey', {
  description: 'What allocation totals can be grouped by.',
  values: {
    PROGRAM: { description: 'The programme.' },
    PARTNER: { description: 'The receiving partner.' },
    PARTNER_KIND: { description: "The receiving partner's kind (government, company…)." },
    GPU_MODEL: { description: 'The GPU model; allocations naming none form one group.' },
    STATUS: { description: 'The allocation status.' },
    INITIATIVE: { description: 'The initiative; allocations for none form one group.' },
  } satisfies Record<GroupKey, { description: string }>,
});

/**
 * How each key is selected and labelled: `column` is the allocation column it groups by (a key
 * of `allocations`, found under the same key in a rollup), or `kind` the partner's kind through
 * `partnerId`; `join` names the table the label comes from.
 */
const keySpecs: Record<
  GroupKey,
  { column: AllocationColumnKey; kind?: true; label?: AnySQLiteColumn; labelKo?: AnySQLiteColumn; join?: keyof typeof joins }
> = {
  PROGRAM: { column: 'programId', label: programs.name, labelKo: programs.nameKo, join: 'programs' },
  PARTNER: { column: 'partnerId', label: partners.name, labelKo: partners.nameKo, join: 'partners' },
  PARTNER_KIND: { column: 'partnerId', kind: true, join: 'partners' },
  GPU_MODEL: { column: 'gpuModelId', label: gpuModels.name, join: 'gpuModels' },
  STATUS: { column: 'status' },
  INITIATIVE: { column: 'initiativeId', label: initiatives.name, labelKo: initiatives.nameKo, join: 'initiatives' },
};

/** The joins that bring in labels, on the columns of whichever table the totals are read from. */
const joins = {
  programs: { table: programs, on: (columns: SourceColumns) => eq(programs.id, columns.programId!) },
  partners: { table: partners, on: (columns: SourceColumns) => eq(partners.id, columns.partnerId!) },
  gpuModels: { table: gpuModels, on: (columns: SourceColumns) => eq(gpuModels.id, columns.gpuModelId!) },
  initiatives: { table: initiatives, on: (columns: SourceColumns) => eq(initiatives.id, columns.initiativeId!) },
};

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

const fallbackLabels: Partial<Record<GroupKey, string>> = {
  GPU_MODEL: 'No GPU model stated',
  INITIATIVE: 'No initiative named',
};

/** Readable English and Korean labels for the enum-valued keys. */
const enumLabels: Record<string, [english: string, korean: string]> = {
  GOVERNMENT: ['Government', '정부'],
  COMPANY: ['Company', '기업'],
  CLOUD_PROVIDER: ['Cloud provider', '클라우드 사업자'],
  TELECOM: ['Telecom', '통신사'],
  UNIVERSITY: ['University', '대학'],
  RESEARCH_INSTITUTE: ['Research institute', '연구기관'],
  ANNOUNCED: ['Announced', '발표'],
  CONTRACTED: ['Contracted', '계약'],
  DELIVERING: ['Delivering', '공급 중'],
  OPERATIONAL: ['Operational', '가동'],
} satisfies Record<Kind | Status, [string, string]>;

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
      description: 'One entry per combination of key values, largest total first (ties by label).',
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
      const quantities = selectsAnyField(info, boundQuantityFields);
      // Every column the question involves decides whether a rollup can answer it.
      const involved = new Set(keys.map((key) => keySpecs[key].column));
      const source = allocationSource(addFilterColumns(allocationFilterSpec, args.filter, involved) ? involved : null);
      const predicate = source.predicate(toWhere(allocationFilterSpec, args.filter));

      if (keys.length === 0) {
        return {
          total: toGpuTotal(context.db.select(gpuTotalSelection(source, quantities)).from(source.table).where(predicate).get() as Record<string, unknown>),
          groups: [],
        };
      }

      const selection: Record<string, SQL | AnySQLiteColumn> = { ...gpuTotalSelection(source, quantities) };
      const groupColumns: AnySQLiteColumn[] = [];
      const needed = new Set<keyof typeof joins>();
      for (const key of keys) {
        const spec = keySpecs[key];
        const id = spec.kind ? partners.kind : source.columns[spec.column]!;
        selection[`key:${key}`] = id;
        groupColumns.push(id);
        if (spec.label) selection[`label:${key}`] = spec.label;
        if (spec.labelKo) selection[`labelKo:${key}`] = spec.labelKo;
        if (spec.join) needed.add(spec.join);
      }
      let query = context.db.select(selection).from(source.table).$dynamic();
      for (const name of needed) query = query.leftJoin(joins[name].table, joins[name].on(source.columns));
      const rows = query
        .where(predicate)
        .groupBy(...groupColumns)
        .orderBy(desc(sql`sum(${source.columns.quantity!})`), ...groupColumns.map((column) => asc(column)))
        .all() as Record<string, unknown>[];
      // The groups split the filtered allocations without overlap, so they add up to the total.
      const groupTotals = rows.map(toGpuTotal);
      const total = sumGpuTotals(groupTotals);

      // The row's column names per key, built once rather than per group and key (a group-by
      // partner and GPU model returns hundreds of groups).
      const columns = keys.map((key) => ({ key, id: `key:${key}`, label: `label:${key}`, labelKo: `labelKo:${key}` }));
      const idColumn = (key: GroupKey) => columns.find((column) => column.key === key)?.id;
      const [programColumn, partnerColumn, kindColumn, modelColumn, statusColumn, initiativeColumn] = (
        ['PROGRAM', 'PARTNER', 'PARTNER_KIND', 'GPU_MODEL', 'STATUS', 'INITIATIVE'] as const
      ).map(idColumn);
      const valueOf = (row: Record<string, unknown>, column: string | undefined) => (column === undefined ? null : (row[column] ?? null));

      const groups = rows.map((row, index): GroupShape => {
        const labels: string[] = [];
        const koreanLabels: (string | null | undefined)[] = [];
        let anyKorean = false;
        for (const column of columns) {
          const raw = row[column.id] ?? null;
          const named = typeof raw === 'string' ? enumLabels[raw] : undefined;
          const label = String(row[column.label] ?? named?.[0] ?? fallbackLabels[column.key] ?? 'None');
          const korean = (row[column.labelKo] ?? named?.[1]) as string | null | undefined;
          labels.push(label);
          koreanLabels.push(korean);
          if (korean) anyKorean = true;
        }
        const groupTotal = groupTotals[index]!;
        return {
          programId: valueOf(row, programColumn) as number | null,
          partnerId: valueOf(row, partnerColumn) as number | null,
          partnerKind: valueOf(row, kindColumn) as Kind | null,
          gpuModelId: valueOf(row, modelColumn) as number | null,
          status: valueOf(row, statusColumn) as Status | null,
          initiativeId: valueOf(row, initiativeColumn) as number | null,
          label: labels.join(' · '),
          labelKo: anyKorean ? koreanLabels.map((korean, at) => korean ?? labels[at]).join(' · ') : null,
          total: groupTotal,
          share: total.quantity === 0 ? 0 : groupTotal.quantity / total.quantity,
        };
      });
      return { total, groups };
    },
  }),
);
