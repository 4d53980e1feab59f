import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { CountryRole, DatePrecision, ProgramStatus, QuantityBound } from '../enums.js';
import { defineFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { GpuTotal, gpuTotalOrderExpression, programGpuTotals } from '../features/gpu-total.js';
import { NationalCapacity, programPartnerCounts } from '../features/program-totals.js';
import { allocations, programCountries, programs as programsTable, programSuppliers } from '../../db/schema.js';
import { and, eq } from 'drizzle-orm';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { publishTableChange } from '../../events/table-changes.js';
import { ValidationError } from '../conventions/error-classes.js';

export const programFilter = defineFilter({
  typename: 'Program',
  table: 'programs',
  description: 'Which programmes to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    country: { kind: 'string', description: 'By ISO 3166-1 alpha-2 country code, e.g. `{ eq: "KR" }`.' },
    announcedOn: { kind: 'date', description: 'By announcement date.' },
    installedBaseGpus: { kind: 'int', description: 'By GPUs installed before the programme.' },
    search: {
      search: (table) => [table.nameFolded!, table.nameKoFolded!],
      description: 'Case-insensitive text in the English or Korean name.',
    },
    supplier: { filter: 'Partner', description: 'Programmes whose supplier matches this.' },
    allocations: { filter: 'Allocation', description: 'Programmes with at least one allocation matching this.' },
    initiatives: { filter: 'Initiative', description: 'Programmes with at least one initiative matching this.' },
  },
});
export const { input: ProgramFilter, spec: programFilterSpec } = programFilter;

export const programOrder = orderInput('Program', {
  ANNOUNCED_ON: { column: 'announcedOn', description: 'Announcement date.' },
  NAME: { column: 'name', description: 'English name.' },
  SLUG: { column: 'slug', description: 'Slug.' },
  GPU_TOTAL: {
    column: 'gpuTotal',
    description: 'Total GPUs allocated (the sum of stated figures).',
    expression: gpuTotalOrderExpression(allocations.programId),
  },
});

const ProgramCountryEntry = builder
  .objectRef<{ country: string; role: 'HOST' | 'PARTICIPANT'; primary: boolean }>('ProgramCountryEntry')
  .implement({
    description: 'One country of a programme and its part.',
    fields: (t) => ({
      country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code.' }),
      role: t.expose('role', { type: CountryRole, description: 'Host or participant.' }),
      primary: t.exposeBoolean('primary', { description: 'True for `Program.country`, the primary host.' }),
    }),
  });

export const Program = builder.drizzleNode('programs', {
  name: 'Program',
  description: "One announced GPU programme, such as NVIDIA's 2025 supply of Blackwell GPUs to Korea.",
  id: { column: (program) => program.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `korea-2025`.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameKo: t.exposeString('nameKo', { nullable: true, description: 'Name in Korean.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code of the country it serves, e.g. `KR`.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When it was announced.' }),
    supplier: t.relation('supplier', { description: 'Who supplies the GPUs.' }),
    installedBaseGpus: t.exposeInt('installedBaseGpus', {
      nullable: true,
      description: 'GPUs the country had installed before the programme (65,000 for Korea 2025); null when unknown.',
    }),
    installedBaseBound: t.expose('installedBaseBound', {
      type: QuantityBound,
      nullable: true,
      description: 'How the sources bound the installed base (Korea: "about 65,000", APPROXIMATE); null when it is unknown.',
    }),
    statedGpuTotal: t.exposeInt('statedGpuTotal', {
      nullable: true,
      description:
        'The programme total as the sources state it (Korea 2025: 260,000), cited on field `statedGpuTotal`; `gpuTotal` is the sum of the allocations. Null when no source states one.',
    }),
    statedGpuTotalBound: t.expose('statedGpuTotalBound', {
      type: QuantityBound,
      nullable: true,
      description: "How the dataset resolves the stated total's bound; a discrepancy records the sources on each side when they disagree.",
    }),
    description: t.exposeString('description', { nullable: true, description: 'What the programme is, in a few sentences.' }),
    status: t.expose('status', {
      type: ProgramStatus,
      description: 'Where the programme stands as a whole (announced, proposed, on hold…).',
    }),
    announcedOnPrecision: t.expose('announcedOnPrecision', {
      type: DatePrecision,
      description: 'How precise `announcedOn` is: a programme known only as "June 2025" has 2025-06-01 and MONTH.',
    }),
    countries: t.field({
      type: [ProgramCountryEntry],
      description: 'Every country the programme spans: the primary host (`country`) first, then the others the sources name.',
      select: { columns: { country: true }, with: { extraCountries: { columns: { country: true, role: true } } } },
      resolve: (program) => [
        { country: program.country, role: 'HOST' as const, primary: true },
        ...program.extraCountries.map((row) => ({ country: row.country, role: row.role, primary: false })),
      ],
    }),
    otherCountries: t.relation('extraCountries', {
      description: 'The countries besides the primary host, each with its citations.',
      query: { orderBy: { id: 'asc' } },
    }),
    otherSuppliers: t.relation('extraSuppliers', {
      description: 'Suppliers besides the primary `supplier`, each with its citations (e.g. AMD beside NVIDIA).',
      query: { orderBy: { id: 'asc' } },
    }),
    phases: t.relatedConnection('phases', {
      description: 'Stages of the programme with their target dates, undated first, then earliest first.',
      totalCount: true,
      query: { orderBy: { targetDate: 'asc', id: 'asc' } },
    }),
    powerCapacities: t.relatedConnection('powerCapacities', {
      description: 'Power capacity figures the sources state, in MW with bounds.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    commitments: t.relatedConnection('commitments', {
      description: 'GPUs or money committed without a number ("several hundred thousand"); never part of a total.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    gpuTotal: t.field({
      type: GpuTotal,
      description: 'All GPUs allocated in the programme (Korea 2025: ≈ 260,000), with how far the figure can be trusted.',
      resolve: (program, _args, context) => programGpuTotals(context).load(program.id),
    }),
    partnerCount: t.int({
      description: 'How many different partners have allocations in the programme.',
      resolve: (program, _args, context) => programPartnerCounts(context).load(program.id),
    }),
    nationalCapacity: t.field({
      type: NationalCapacity,
      description:
        'The country\'s GPU capacity before and after the programme: the figure the sources state (Korea: "30만 개 이상", more than 300,000) and the sum computed from its parts.',
      select: {
        columns: { installedBaseGpus: true, installedBaseBound: true, statedCapacityAfter: true, statedCapacityAfterBound: true },
      },
      resolve: async (program, _args, context) => ({
        before: program.installedBaseGpus,
        beforeBound: program.installedBaseBound,
        stated: program.statedCapacityAfter,
        statedBound: program.statedCapacityAfterBound,
        added: await programGpuTotals(context).load(program.id),
      }),
    }),
  }),
});

builder.queryFields((t) => ({
  programs: rootList(t, {
    table: 'programs',
    description: 'Programmes, newest announcement first unless `orderBy` says otherwise.',
    filter: programFilter,
    filterDescription: 'Which programmes to return.',
    order: programOrder,
    defaultOrder: [{ field: 'ANNOUNCED_ON', direction: 'DESC' }],
  }),
  program: t.drizzleField({
    type: 'programs',
    nullable: true,
    description: 'The programme with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `korea-2025`.' }) },
    resolve: (query, _root, args, context) => context.db.query.programs.findFirst(query({ where: { slug: args.slug } })),
  }),
}));

defineWrites({
  typename: 'Program',
  table: programsTable,
  node: Program,
  payloadField: 'program',
  afterCommit: (context, change) => publishTableChange(context.events, 'programs', change),
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key, e.g. `korea-2025`.' },
    name: { type: 'String', required: true, validate: rules.name, description: 'Name in English.' },
    nameKo: { type: 'String', nullable: true, validate: rules.name, description: 'Name in Korean.' },
    country: { type: 'String', required: true, validate: rules.country, description: 'ISO 3166-1 alpha-2 code, e.g. `KR`.' },
    announcedOn: { type: 'Date', required: true, description: 'When it was announced.' },
    supplierId: { type: 'ID', required: true, references: 'Partner', description: 'The supplier: a Partner ID.' },
    installedBaseGpus: {
      type: 'Int',
      nullable: true,
      validate: rules.nonNegativeCount,
      description: 'GPUs installed before the programme; give `installedBaseBound` with it.',
    },
    installedBaseBound: { type: QuantityBound, nullable: true, description: 'How the sources bound the installed base.' },
    statedGpuTotal: {
      type: 'Int',
      nullable: true,
      validate: rules.positiveCount,
      description: 'The programme total as a source states it; give `statedGpuTotalBound` with it.',
    },
    statedGpuTotalBound: { type: QuantityBound, nullable: true, description: 'How the stated total is bounded.' },
    statedCapacityAfter: {
      type: 'Int',
      nullable: true,
      validate: rules.positiveCount,
      description: "The country's GPU capacity after the programme as a source states it; give `statedCapacityAfterBound` with it.",
    },
    statedCapacityAfterBound: { type: QuantityBound, nullable: true, description: 'How the stated capacity is bounded.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What the programme is.' },
    status: { type: ProgramStatus, description: 'Where the programme stands as a whole; ANNOUNCED unless given.' },
    announcedOnPrecision: { type: DatePrecision, description: 'How precise `announcedOn` is; DAY unless given.' },
  },
  prepare: (values, _input, before, tx) => {
    // A new primary country or supplier may not be one the programme already lists among its
    // others (ProgramCountry, ProgramSupplier refuse the reverse): it would be counted twice.
    if (before) {
      const id = Number(before.id);
      const repeats = [
        'country' in values &&
          tx
            .select({ id: programCountries.id })
            .from(programCountries)
            .where(and(eq(programCountries.programId, id), eq(programCountries.country, String(values.country))))
            .get() &&
          'country',
        'supplierId' in values &&
          tx
            .select({ id: programSuppliers.id })
            .from(programSuppliers)
            .where(and(eq(programSuppliers.programId, id), eq(programSuppliers.partnerId, Number(values.supplierId))))
            .get() &&
          'supplierId',
      ].filter((field): field is 'country' | 'supplierId' => typeof field === 'string');
      if (repeats.length) {
        throw new ValidationError(
          `The programme lists this ${repeats[0] === 'country' ? 'country' : 'supplier'} among its others already.`,
          [...repeats.map((field) => ({ path: ['input', field], message: "is one of the programme's other rows; delete that row first" }))],
        );
      }
    }
    for (const [figure, boundField] of [
      ['installedBaseGpus', 'installedBaseBound'],
      ['statedGpuTotal', 'statedGpuTotalBound'],
      ['statedCapacityAfter', 'statedCapacityAfterBound'],
    ] as const) {
      const base = figure in values ? values[figure] : (before?.[figure] ?? null);
      const bound = boundField in values ? values[boundField] : (before?.[boundField] ?? null);
      if ((base === null) !== (bound === null)) {
        throw new ValidationError(`${figure} and ${boundField} go together.`, [
          { path: ['input', base === null ? figure : boundField], message: 'give both, or neither' },
        ]);
      }
    }
    return values;
  },
});
