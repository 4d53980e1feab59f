// Tables of the whole domain. The database itself enforces the rules (foreign keys, CHECKs for
// enums and ranges, unique slugs) so that no writer — API, CLI or a hand-run SQL session — can
// store a row the API would have refused.
import { type BuildColumns, type ColumnBuilderBase, sql, type SQL } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  type SQLiteTableExtraConfigValue,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  allocationStatuses,
  apiKeyScopes,
  auditOperations,
  citationStances,
  commitmentSubjects,
  countryRoles,
  datePrecisions,
  exchangeRateKinds,
  initiativeDomains,
  partnerKinds,
  participantRoles,
  phaseStatuses,
  programStatuses,
  quantityBounds,
  quoteKinds,
  sourceKinds,
} from './enums.js';
import { citationSubjects, discrepancySubjects, type Subject } from './subjects.js';

/** `column IN ('A', 'B', …)` for a CHECK constraint built from one of the enum lists. */
function oneOf(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
}

/** The number of the given columns that are not NULL, for exactly-one-of CHECKs. */
function countNotNull(columns: AnySQLiteColumn[]): SQL {
  return sql.join(
    columns.map((column) => sql`(${column} IS NOT NULL)`),
    sql` + `,
  );
}

/** Every non-empty subset of `scopes`, space-separated, in the list's order. */
function scopeSets(scopes: readonly string[]): string[] {
  const sets: string[] = [];
  for (let mask = 1; mask < 1 << scopes.length; mask += 1) {
    sets.push(scopes.filter((_scope, index) => mask & (1 << index)).join(' '));
  }
  return sets;
}

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Bookkeeping every mutable table carries; `version` backs optimistic concurrency. */
const tracked = {
  createdAt: text('created_at').notNull().default(nowIso),
  updatedAt: text('updated_at').notNull().default(nowIso),
  version: integer('version').notNull().default(1),
};

/**
 * The text of a searched column folded as `search` compares it (src/db/search-folds.ts: named
 * `<column>_folded`, written with the row by every write path, filled by the migrator).
 */
const folded = <TName extends string>(source: TName) => text(`${source}_folded`);

/**
 * A mutable table: its own columns, then the bookkeeping columns (`tracked`); its own constraints,
 * then `<name>_version_check` (`version >= 1`). The one definition of both, in the order the
 * shipped migrations have them.
 */
function trackedTable<TName extends string, TColumns extends Record<string, ColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extraConfig: (self: BuildColumns<TName, TColumns & typeof tracked, 'sqlite'>) => SQLiteTableExtraConfigValue[],
) {
  return sqliteTable(name, { ...columns, ...tracked }, (t) => [...extraConfig(t), check(`${name}_version_check`, sql`${t.version} >= 1`)]);
}

const isoDate = (column: AnySQLiteColumn) =>
  sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date(${column}) = ${column}`;
const slugShape = (column: AnySQLiteColumn) =>
  sql`${column} GLOB '[a-z0-9]*' AND ${column} NOT GLOB '*[^a-z0-9-]*' AND length(${column}) <= 80`;
const currencyShape = (column: AnySQLiteColumn) => sql`length(${column}) = 3 AND ${column} NOT GLOB '*[^A-Z]*'`;
/** A non-negative decimal number written as text, e.g. `3000000000` or `1426.5` (`plainDecimal`'s GLOB form). */
const decimalShape = (column: AnySQLiteColumn) =>
  sql`${column} GLOB '[0-9]*' AND ${column} NOT GLOB '*[^0-9.]*' AND ${column} NOT GLOB '*.*.*' AND ${column} NOT GLOB '*.'`;

/** The columns of `t` that name one of `list`'s subjects, in the table's own order (the shipped CHECKs'). */
function subjectColumns(t: Record<string, AnySQLiteColumn>, list: readonly Subject[]): AnySQLiteColumn[] {
  const names = new Set<string>(list.map((subject) => subject.column));
  return Object.entries(t)
    .filter(([key]) => names.has(key))
    .map(([, column]) => column);
}

export const partners = trackedTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameKo: text('name_ko'),
    kind: text('kind', { enum: partnerKinds }).notNull(),
    description: text('description'),
    website: text('website'),
    /**
     * Other names the partner goes by in the sources (short, former, English or Korean forms,
     * e.g. 현대차그룹 for 현대자동차그룹), as a JSON array; `search` looks in them too.
     */
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    nameFolded: folded('name'),
    nameKoFolded: folded('name_ko'),
    /** The folded aliases, as a JSON array (searched element by element). */
    aliasesFolded: text('aliases_folded', { mode: 'json' }).$type<string[]>(),
  },
  (t) => [
    uniqueIndex('partners_slug_unique').on(t.slug),
    index('partners_kind_idx').on(t.kind),
    index('partners_name_idx').on(t.name),
    check('partners_slug_check', slugShape(t.slug)),
    check('partners_kind_check', oneOf(t.kind, partnerKinds)),
    check('partners_name_check', sql`length(trim(${t.name})) > 0`),
    check('partners_aliases_check', sql`json_valid(${t.aliases}) AND json_type(${t.aliases}) = 'array'`),
  ],
);

export const programs = trackedTable(
  'programs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameKo: text('name_ko'),
    /** ISO 3166-1 alpha-2 code of the country the programme serves. */
    country: text('country').notNull(),
    announcedOn: text('announced_on').notNull(),
    supplierId: integer('supplier_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    installedBaseGpus: integer('installed_base_gpus'),
    /** How the sources bound the installed base ("about 65,000"); NULL when the base is unknown. */
    installedBaseBound: text('installed_base_bound', { enum: quantityBounds }),
    /** The programme's GPU total as the sources state it (Korea: 260,000), apart from the sum of its allocations. */
    statedGpuTotal: integer('stated_gpu_total'),
    /** How the dataset resolves the stated total's bound; NULL with the total. */
    statedGpuTotalBound: text('stated_gpu_total_bound', { enum: quantityBounds }),
    /** The country's GPU capacity after the programme as the sources state it ("30만 개 이상"), not computed. */
    statedCapacityAfter: integer('stated_capacity_after'),
    statedCapacityAfterBound: text('stated_capacity_after_bound', { enum: quantityBounds }),
    description: text('description'),
    /** Where the programme stands as a whole; ANNOUNCED unless a source says more. */
    status: text('status', { enum: programStatuses }).notNull().default('ANNOUNCED'),
    /** How precise `announced_on` is: a programme known only as "June 2025" is 2025-06-01 with MONTH. */
    announcedOnPrecision: text('announced_on_precision', { enum: datePrecisions }).notNull().default('DAY'),
    nameFolded: folded('name'),
    nameKoFolded: folded('name_ko'),
  },
  (t) => [
    uniqueIndex('programs_slug_unique').on(t.slug),
    index('programs_status_idx').on(t.status),
    check('programs_status_check', oneOf(t.status, programStatuses)),
    check('programs_announced_on_precision_check', oneOf(t.announcedOnPrecision, datePrecisions)),
    index('programs_supplier_idx').on(t.supplierId),
    index('programs_announced_on_idx').on(t.announcedOn),
    index('programs_country_idx').on(t.country),
    index('programs_name_idx').on(t.name),
    check('programs_slug_check', slugShape(t.slug)),
    check('programs_name_check', sql`length(trim(${t.name})) > 0`),
    check('programs_country_check', sql`length(${t.country}) = 2 AND ${t.country} NOT GLOB '*[^A-Z]*'`),
    check('programs_announced_on_check', isoDate(t.announcedOn)),
    check('programs_installed_base_check', sql`${t.installedBaseGpus} IS NULL OR ${t.installedBaseGpus} >= 0`),
    check(
      'programs_installed_base_bound_check',
      sql`(${t.installedBaseGpus} IS NULL) = (${t.installedBaseBound} IS NULL) AND (${t.installedBaseBound} IS NULL OR ${oneOf(t.installedBaseBound, quantityBounds)})`,
    ),
    check(
      'programs_stated_gpu_total_check',
      sql`(${t.statedGpuTotal} IS NULL) = (${t.statedGpuTotalBound} IS NULL) AND (${t.statedGpuTotal} IS NULL OR (${t.statedGpuTotal} > 0 AND ${oneOf(t.statedGpuTotalBound, quantityBounds)}))`,
    ),
    check(
      'programs_stated_capacity_after_check',
      sql`(${t.statedCapacityAfter} IS NULL) = (${t.statedCapacityAfterBound} IS NULL) AND (${t.statedCapacityAfter} IS NULL OR (${t.statedCapacityAfter} > 0 AND ${oneOf(t.statedCapacityAfterBound, quantityBounds)}))`,
    ),
  ],
);

export const gpuModels = trackedTable(
  'gpu_models',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    architecture: text('architecture').notNull(),
    vendor: text('vendor').notNull(),
    /** True for a placeholder such as "Blackwell, model unstated". */
    modelUnstated: integer('model_unstated', { mode: 'boolean' }).notNull().default(false),
    description: text('description'),
    nameFolded: folded('name'),
  },
  (t) => [
    uniqueIndex('gpu_models_slug_unique').on(t.slug),
    index('gpu_models_architecture_idx').on(t.architecture),
    index('gpu_models_name_idx').on(t.name),
    check('gpu_models_slug_check', slugShape(t.slug)),
    check('gpu_models_name_check', sql`length(trim(${t.name})) > 0`),
  ],
);

export const initiatives = trackedTable(
  'initiatives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    nameKo: text('name_ko'),
    domain: text('domain', { enum: initiativeDomains }).notNull(),
    description: text('description'),
    /** JSON array of strings: the technologies the initiative names. */
    technologies: text('technologies', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    nameFolded: folded('name'),
    nameKoFolded: folded('name_ko'),
  },
  (t) => [
    uniqueIndex('initiatives_slug_unique').on(t.slug),
    index('initiatives_program_idx').on(t.programId),
    index('initiatives_domain_idx').on(t.domain),
    index('initiatives_name_idx').on(t.name),
    check('initiatives_slug_check', slugShape(t.slug)),
    check('initiatives_name_check', sql`length(trim(${t.name})) > 0`),
    check('initiatives_domain_check', oneOf(t.domain, initiativeDomains)),
    check('initiatives_technologies_check', sql`json_valid(${t.technologies}) AND json_type(${t.technologies}) = 'array'`),
  ],
);

export const initiativeParticipants = trackedTable(
  'initiative_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    role: text('role', { enum: participantRoles }).notNull(),
    /** What this partner does in the initiative, in a sentence. */
    contribution: text('contribution'),
  },
  (t) => [
    uniqueIndex('initiative_participants_unique').on(t.initiativeId, t.partnerId),
    index('initiative_participants_partner_idx').on(t.partnerId),
    index('initiative_participants_role_idx').on(t.role),
    check('initiative_participants_role_check', oneOf(t.role, participantRoles)),
  ],
);

export const allocations = trackedTable(
  'allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    /** NULL when no source names the GPU at all. */
    gpuModelId: integer('gpu_model_id').references(() => gpuModels.id, { onDelete: 'restrict' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'set null' }),
    quantity: integer('quantity').notNull(),
    bound: text('bound', { enum: quantityBounds }).notNull(),
    status: text('status', { enum: allocationStatuses }).notNull(),
    purpose: text('purpose'),
    announcedOn: text('announced_on').notNull(),
    /** The GPU as the sources word it ("GB300 Grace Blackwell chips"), so the mapping to `gpu_model_id` stays auditable. */
    gpuModelAsStated: text('gpu_model_as_stated'),
  },
  (t) => [
    // Each foreign-key index also covers (bound, quantity), so the GROUP BY behind every GPU
    // total reads the index alone, never the table.
    // (program, partner): a programme's totals and its group-by-partner read this index alone.
    index('allocations_program_totals_idx').on(t.programId, t.partnerId, t.bound, t.quantity),
    index('allocations_partner_totals_idx').on(t.partnerId, t.bound, t.quantity),
    index('allocations_gpu_model_totals_idx').on(t.gpuModelId, t.bound, t.quantity),
    index('allocations_initiative_totals_idx').on(t.initiativeId, t.bound, t.quantity),
    // Nested lists sort a parent's allocations largest first (quantity DESC, id DESC): these
    // indexes (the rowid is their last column) give that order, so LIMIT stops after a page
    // instead of sorting, and building the JSON of, every allocation of the parent.
    index('allocations_program_quantity_idx').on(t.programId, t.quantity),
    index('allocations_partner_quantity_idx').on(t.partnerId, t.quantity),
    index('allocations_gpu_model_quantity_idx').on(t.gpuModelId, t.quantity),
    index('allocations_initiative_quantity_idx').on(t.initiativeId, t.quantity),
    index('allocations_status_idx').on(t.status),
    index('allocations_bound_idx').on(t.bound),
    index('allocations_quantity_idx').on(t.quantity),
    index('allocations_announced_on_idx').on(t.announcedOn),
    // The upper limit keeps every sum over a million allocations far below 2^53, so totals stay exact.
    check('allocations_quantity_check', sql`${t.quantity} > 0 AND ${t.quantity} <= 100000000`),
    check('allocations_bound_check', oneOf(t.bound, quantityBounds)),
    check('allocations_status_check', oneOf(t.status, allocationStatuses)),
    check('allocations_announced_on_check', isoDate(t.announcedOn)),
  ],
);

// Rollups: GPU totals of `allocations` summed per combination of a few of its columns (a
// "grain"), kept exact by triggers on `allocations` (drizzle/*_allocation_rollups) in the
// transaction of every write, so a total over those columns reads a few thousand rows instead
// of every allocation. The dimension columns keep the names of `allocations`, so the same filter
// applies to either. A row exists only while it sums at least one allocation. No foreign keys:
// the rows follow the allocations, which hold the references (and a delete's reference check
// must not count rollup rows). INSERT OR REPLACE on `allocations` fires the delete trigger for
// the rows it replaces only on a connection with `PRAGMA recursive_triggers = ON`, which
// `openDatabase` sets; another program writing the file must set it too.

/** What every rollup row carries besides its dimension values. */
const rollupMeasures = {
  /** The sum of `quantity` over the allocations with this row's dimension values. */
  quantity: integer('quantity').notNull(),
  /** How many allocations those are (at least 1). */
  allocationCount: integer('allocation_count').notNull(),
};

/** Every rollup row sums at least one allocation, so its count and quantity are positive. */
const rollupChecks = (t: { quantity: AnySQLiteColumn; allocationCount: AnySQLiteColumn }, table: string) => [
  check(`${table}_quantity_check`, sql`${t.quantity} > 0`),
  check(`${table}_allocation_count_check`, sql`${t.allocationCount} > 0`),
];

/**
 * Allocation totals per programme, partner, status and bound: programme and partner totals,
 * partner counts, and group-bys over programme, partner, partner kind and status.
 */
export const allocationRollupsByPartner = sqliteTable(
  'allocation_rollups_by_partner',
  {
    /** `allocations.program_id` of the summed allocations. */
    programId: integer('program_id').notNull(),
    /** `allocations.partner_id` of the summed allocations. */
    partnerId: integer('partner_id').notNull(),
    /** `allocations.status` of the summed allocations. */
    status: text('status', { enum: allocationStatuses }).notNull(),
    /** `allocations.bound` of the summed allocations. */
    bound: text('bound', { enum: quantityBounds }).notNull(),
    ...rollupMeasures,
  },
  (t) => [
    // The triggers find a row by all its dimensions; reads for some programmes (partner counts,
    // a programme's partners) use its leading column.
    uniqueIndex('allocation_rollups_by_partner_unique').on(t.programId, t.partnerId, t.status, t.bound),
    // Partner totals; with the programme, "the programmes of this partner" from the index alone.
    index('allocation_rollups_by_partner_partner_idx').on(t.partnerId, t.programId),
    ...rollupChecks(t, 'allocation_rollups_by_partner'),
  ],
);

/**
 * Allocation totals per programme, GPU model, initiative, status and bound: GPU model and
 * initiative totals and group-bys over them. NULL model or initiative as in `allocations`.
 */
export const allocationRollupsByModel = sqliteTable(
  'allocation_rollups_by_model',
  {
    /** `allocations.program_id` of the summed allocations. */
    programId: integer('program_id').notNull(),
    /** `allocations.gpu_model_id` of the summed allocations; NULL for those naming no model. */
    gpuModelId: integer('gpu_model_id'),
    /** `allocations.initiative_id` of the summed allocations; NULL for those serving none. */
    initiativeId: integer('initiative_id'),
    /** `allocations.status` of the summed allocations. */
    status: text('status', { enum: allocationStatuses }).notNull(),
    /** `allocations.bound` of the summed allocations. */
    bound: text('bound', { enum: quantityBounds }).notNull(),
    ...rollupMeasures,
  },
  (t) => [
    // UNIQUE treats NULLs as distinct, so the triggers match rows with IS, not an upsert.
    uniqueIndex('allocation_rollups_by_model_unique').on(t.programId, t.gpuModelId, t.initiativeId, t.status, t.bound),
    index('allocation_rollups_by_model_gpu_model_idx').on(t.gpuModelId),
    index('allocation_rollups_by_model_initiative_idx').on(t.initiativeId),
    ...rollupChecks(t, 'allocation_rollups_by_model'),
  ],
);

/**
 * Allocation totals per programme, partner, GPU model, status and bound: group-bys that combine
 * partners (or partner kinds) with GPU models. The largest grain, so read only when needed.
 */
export const allocationRollupsByPartnerModel = sqliteTable(
  'allocation_rollups_by_partner_model',
  {
    /** `allocations.program_id` of the summed allocations. */
    programId: integer('program_id').notNull(),
    /** `allocations.partner_id` of the summed allocations. */
    partnerId: integer('partner_id').notNull(),
    /** `allocations.gpu_model_id` of the summed allocations; NULL for those naming no model. */
    gpuModelId: integer('gpu_model_id'),
    /** `allocations.status` of the summed allocations. */
    status: text('status', { enum: allocationStatuses }).notNull(),
    /** `allocations.bound` of the summed allocations. */
    bound: text('bound', { enum: quantityBounds }).notNull(),
    ...rollupMeasures,
  },
  (t) => [
    // Partner and model first: questions that need this grain group by both, usually for some
    // partners, and read the groups in this order without sorting.
    uniqueIndex('allocation_rollups_by_partner_model_unique').on(t.partnerId, t.gpuModelId, t.programId, t.status, t.bound),
    index('allocation_rollups_by_partner_model_program_idx').on(t.programId),
    ...rollupChecks(t, 'allocation_rollups_by_partner_model'),
  ],
);

export const investments = trackedTable(
  'investments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'restrict' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    titleKo: text('title_ko'),
    /**
     * The amount in the currency's minor units (cents for USD, won for KRW). An integer keeps
     * SQL sums exact; the CHECK keeps every value a JavaScript number can hold without loss.
     */
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    bound: text('bound', { enum: quantityBounds }).notNull(),
    announcedOn: text('announced_on').notNull(),
    description: text('description'),
    /**
     * Why money totals leave this investment out, when they do: it is part of another one stated
     * beside it, the same money in another currency, a revised figure, a contract value or expected
     * revenue rather than an investment. NULL: totals count it.
     */
    excludedFromTotals: text('excluded_from_totals'),
    titleFolded: folded('title'),
    titleKoFolded: folded('title_ko'),
  },
  (t) => [
    uniqueIndex('investments_slug_unique').on(t.slug),
    // With the date, a parent's investments come newest first straight from the index.
    index('investments_program_announced_on_idx').on(t.programId, t.announcedOn),
    index('investments_initiative_announced_on_idx').on(t.initiativeId, t.announcedOn),
    index('investments_currency_idx').on(t.currency),
    index('investments_announced_on_idx').on(t.announcedOn),
    check('investments_slug_check', slugShape(t.slug)),
    check('investments_title_check', sql`length(trim(${t.title})) > 0`),
    check(
      'investments_amount_check',
      sql`typeof(${t.amountMinor}) = 'integer' AND ${t.amountMinor} > 0 AND ${t.amountMinor} <= 9007199254740991`,
    ),
    check('investments_currency_check', currencyShape(t.currency)),
    check('investments_bound_check', oneOf(t.bound, quantityBounds)),
    check('investments_announced_on_check', isoDate(t.announcedOn)),
  ],
);

export const investmentInvestors = trackedTable(
  'investment_investors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    investmentId: integer('investment_id')
      .notNull()
      .references(() => investments.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    /**
     * The investor's share in the investment's minor units when a source states it; NULL when the
     * split is undisclosed, so a co-investor's share is known only to be at most the whole.
     */
    shareMinor: integer('share_minor'),
  },
  (t) => [
    uniqueIndex('investment_investors_unique').on(t.investmentId, t.partnerId),
    check(
      'investment_investors_share_check',
      sql`${t.shareMinor} IS NULL OR (typeof(${t.shareMinor}) = 'integer' AND ${t.shareMinor} > 0 AND ${t.shareMinor} <= 9007199254740991)`,
    ),
    index('investment_investors_partner_idx').on(t.partnerId),
  ],
);

/**
 * A stored conversion: `baseAmount` of `baseCurrency` is worth `quoteAmount` of `quoteCurrency`.
 * Kept as the two amounts a source states ("USD 3 billion ≈ KRW 4 trillion") rather than as a
 * rounded rate, so conversions can be computed exactly from what the source said.
 */
export const exchangeRates = trackedTable(
  'exchange_rates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    baseCurrency: text('base_currency').notNull(),
    quoteCurrency: text('quote_currency').notNull(),
    baseAmount: text('base_amount').notNull(),
    quoteAmount: text('quote_amount').notNull(),
    asOf: text('as_of').notNull(),
    /** MARKET: a market rate for `asOf`; SOURCE_CONVERSION: a source's own rounded conversion of one amount. */
    kind: text('kind', { enum: exchangeRateKinds }).notNull().default('MARKET'),
  },
  (t) => [
    uniqueIndex('exchange_rates_pair_date_kind_unique').on(t.baseCurrency, t.quoteCurrency, t.asOf, t.kind),
    index('exchange_rates_quote_idx').on(t.quoteCurrency, t.baseCurrency, t.asOf),
    check('exchange_rates_base_currency_check', currencyShape(t.baseCurrency)),
    check('exchange_rates_quote_currency_check', currencyShape(t.quoteCurrency)),
    check('exchange_rates_distinct_check', sql`${t.baseCurrency} <> ${t.quoteCurrency}`),
    check('exchange_rates_base_amount_check', sql`${decimalShape(t.baseAmount)} AND CAST(${t.baseAmount} AS REAL) > 0`),
    check('exchange_rates_quote_amount_check', sql`${decimalShape(t.quoteAmount)} AND CAST(${t.quoteAmount} AS REAL) > 0`),
    check('exchange_rates_as_of_check', isoDate(t.asOf)),
    check('exchange_rates_kind_check', oneOf(t.kind, exchangeRateKinds)),
  ],
);

/**
 * Countries a programme spans besides `programs.country` (its primary host): HUMAIN's U.S.
 * campus, Mistral's Swedish site, IT4LIA's Austrian and Slovenian partners.
 */
export const programCountries = trackedTable(
  'program_countries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** ISO 3166-1 alpha-2 code. */
    country: text('country').notNull(),
    role: text('role', { enum: countryRoles }).notNull(),
    /** What the country does in the programme, in a sentence. */
    description: text('description'),
  },
  (t) => [
    uniqueIndex('program_countries_unique').on(t.programId, t.country),
    index('program_countries_country_idx').on(t.country),
    check('program_countries_country_check', sql`length(${t.country}) = 2 AND ${t.country} NOT GLOB '*[^A-Z]*'`),
    check('program_countries_role_check', oneOf(t.role, countryRoles)),
  ],
);

/** Suppliers of a programme besides `programs.supplier_id` (HUMAIN also buys from AMD). */
export const programSuppliers = trackedTable(
  'program_suppliers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    /** What this supplier provides, in a sentence. */
    description: text('description'),
  },
  (t) => [uniqueIndex('program_suppliers_unique').on(t.programId, t.partnerId), index('program_suppliers_partner_idx').on(t.partnerId)],
);

/** A stage of a programme with the date the sources give for it ("Q2 2026", "end of 2027"). */
export const phases = trackedTable(
  'phases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first day of the stated target ("Q2 2026" → 2026-04-01); NULL when no source dates it. */
    targetDate: text('target_date'),
    /** How precise `target_date` is; NULL with it. */
    targetPrecision: text('target_precision', { enum: datePrecisions }),
    status: text('status', { enum: phaseStatuses }).notNull().default('PLANNED'),
    /** When a source says the phase was reached. */
    achievedOn: text('achieved_on'),
    description: text('description'),
  },
  (t) => [
    uniqueIndex('phases_slug_unique').on(t.slug),
    index('phases_program_idx').on(t.programId, t.targetDate),
    check('phases_slug_check', slugShape(t.slug)),
    check('phases_name_check', sql`length(trim(${t.name})) > 0`),
    check(
      'phases_target_check',
      sql`(${t.targetDate} IS NULL) = (${t.targetPrecision} IS NULL) AND (${t.targetDate} IS NULL OR (${isoDate(t.targetDate)} AND ${oneOf(t.targetPrecision, datePrecisions)}))`,
    ),
    check('phases_achieved_on_check', sql`${t.achievedOn} IS NULL OR (${isoDate(t.achievedOn)})`),
    check('phases_status_check', oneOf(t.status, phaseStatuses)),
  ],
);

/**
 * Electric power capacity a programme states, in megawatts: one figure (`mw`) with its bound,
 * or a range `mw`–`mw_high` ("15 to 20 MW"). Decimal text, so 1.5 MW stays exact.
 */
export const powerCapacities = trackedTable(
  'power_capacities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').references(() => phases.id, { onDelete: 'set null' }),
    mw: text('mw').notNull(),
    /** The top of a stated range; NULL for a single figure. */
    mwHigh: text('mw_high'),
    bound: text('bound', { enum: quantityBounds }).notNull(),
    /** What the figure covers ("first phase at Kvandal", "whole campus"), in a sentence. */
    scope: text('scope').notNull(),
    /** The place the capacity is at, as the sources name it; NULL when none is named. */
    location: text('location'),
    announcedOn: text('announced_on'),
  },
  (t) => [
    uniqueIndex('power_capacities_slug_unique').on(t.slug),
    index('power_capacities_program_idx').on(t.programId),
    check('power_capacities_slug_check', slugShape(t.slug)),
    check('power_capacities_mw_check', sql`${decimalShape(t.mw)} AND CAST(${t.mw} AS REAL) > 0`),
    check(
      'power_capacities_mw_high_check',
      sql`${t.mwHigh} IS NULL OR (${decimalShape(t.mwHigh)} AND CAST(${t.mwHigh} AS REAL) > CAST(${t.mw} AS REAL))`,
    ),
    check('power_capacities_bound_check', oneOf(t.bound, quantityBounds)),
    check('power_capacities_scope_check', sql`length(trim(${t.scope})) > 0`),
    check('power_capacities_announced_on_check', sql`${t.announcedOn} IS NULL OR (${isoDate(t.announcedOn)})`),
  ],
);

/**
 * A commitment the sources state without a number: "several hundred thousand" GPUs, "a major
 * investment". Kept apart from allocations and investments, so no total ever counts it as 0 or
 * guesses a figure; the stated phrase is what it holds.
 */
export const commitments = trackedTable(
  'commitments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    /** Who commits or receives; NULL when the sources name the programme only. */
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    subject: text('subject', { enum: commitmentSubjects }).notNull(),
    /** The sources' words for the amount, in their language ("several hundred thousand", "migliaia"). */
    statedPhrase: text('stated_phrase').notNull(),
    /** For GPUS: the model when named. */
    gpuModelId: integer('gpu_model_id').references(() => gpuModels.id, { onDelete: 'restrict' }),
    /** For MONEY: the currency when named (ISO 4217). */
    currency: text('currency'),
    status: text('status', { enum: allocationStatuses }).notNull(),
    purpose: text('purpose'),
    announcedOn: text('announced_on').notNull(),
  },
  (t) => [
    uniqueIndex('commitments_slug_unique').on(t.slug),
    index('commitments_program_idx').on(t.programId),
    check('commitments_slug_check', slugShape(t.slug)),
    check('commitments_subject_check', oneOf(t.subject, commitmentSubjects)),
    check('commitments_phrase_check', sql`length(trim(${t.statedPhrase})) > 0`),
    check(
      'commitments_subject_fields_check',
      sql`(${t.subject} = 'MONEY' OR ${t.currency} IS NULL) AND (${t.subject} = 'GPUS' OR ${t.gpuModelId} IS NULL) AND (${t.currency} IS NULL OR ${currencyShape(t.currency)})`,
    ),
    check('commitments_status_check', oneOf(t.status, allocationStatuses)),
    check('commitments_announced_on_check', isoDate(t.announcedOn)),
  ],
);

export const sources = trackedTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** A short stable key, e.g. `newspim-2025-10-31`. */
    slug: text('slug').notNull(),
    /** NULL when the source is known only as a copy (the seed article was archived without its address). */
    url: text('url'),
    title: text('title'),
    publisher: text('publisher').notNull(),
    kind: text('kind', { enum: sourceKinds }).notNull(),
    /** ISO date, or date-time with offset when the source gives the time. */
    publishedAt: text('published_at'),
    /** BCP 47 language tag of the source's text. */
    language: text('language').notNull(),
    notes: text('notes'),
    /** Why the URL, title or publication date is missing (e.g. "the stored copy shows no headline"); NULL when none is. */
    missingMetadataReason: text('missing_metadata_reason'),
    titleFolded: folded('title'),
    publisherFolded: folded('publisher'),
  },
  (t) => [
    uniqueIndex('sources_slug_unique').on(t.slug),
    uniqueIndex('sources_url_unique').on(t.url),
    index('sources_published_at_idx').on(t.publishedAt),
    index('sources_publisher_idx').on(t.publisher),
    check('sources_slug_check', slugShape(t.slug)),
    check('sources_url_check', sql`${t.url} IS NULL OR ${t.url} GLOB 'http://?*' OR ${t.url} GLOB 'https://?*'`),
    check('sources_kind_check', oneOf(t.kind, sourceKinds)),
    check('sources_language_check', sql`length(${t.language}) BETWEEN 2 AND 35`),
  ],
);

/** What a citation can be about: exactly one of these columns is set on each row. */
export const citations = trackedTable(
  'citations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    programId: integer('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    gpuModelId: integer('gpu_model_id').references(() => gpuModels.id, { onDelete: 'cascade' }),
    allocationId: integer('allocation_id').references(() => allocations.id, { onDelete: 'cascade' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
    initiativeParticipantId: integer('initiative_participant_id').references(() => initiativeParticipants.id, {
      onDelete: 'cascade',
    }),
    investmentId: integer('investment_id').references(() => investments.id, { onDelete: 'cascade' }),
    investmentInvestorId: integer('investment_investor_id').references(() => investmentInvestors.id, {
      onDelete: 'cascade',
    }),
    exchangeRateId: integer('exchange_rate_id').references(() => exchangeRates.id, { onDelete: 'cascade' }),
    programCountryId: integer('program_country_id').references(() => programCountries.id, { onDelete: 'cascade' }),
    programSupplierId: integer('program_supplier_id').references(() => programSuppliers.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').references(() => phases.id, { onDelete: 'cascade' }),
    powerCapacityId: integer('power_capacity_id').references(() => powerCapacities.id, { onDelete: 'cascade' }),
    commitmentId: integer('commitment_id').references(() => commitments.id, { onDelete: 'cascade' }),
    /** The field of the subject the citation is about (`quantity`, `bound`…); NULL for the row as a whole. */
    field: text('field'),
    /** The words of the source, in its language; see `quoteKind`. */
    quote: text('quote').notNull(),
    quoteKind: text('quote_kind', { enum: quoteKinds }).notNull(),
    /** A label for the quote within the source, e.g. `Q3` of the fact sheet's register. */
    locator: text('locator'),
    /** What the quote states, in English. */
    statement: text('statement').notNull(),
    stance: text('stance', { enum: citationStances }).notNull().default('SUPPORTS'),
    quoteFolded: folded('quote'),
    statementFolded: folded('statement'),
  },
  (t) => [
    index('citations_source_idx').on(t.sourceId),
    index('citations_program_idx').on(t.programId),
    index('citations_partner_idx').on(t.partnerId),
    index('citations_gpu_model_idx').on(t.gpuModelId),
    index('citations_allocation_idx').on(t.allocationId),
    index('citations_initiative_idx').on(t.initiativeId),
    index('citations_initiative_participant_idx').on(t.initiativeParticipantId),
    index('citations_investment_idx').on(t.investmentId),
    index('citations_investment_investor_idx').on(t.investmentInvestorId),
    index('citations_exchange_rate_idx').on(t.exchangeRateId),
    index('citations_program_country_idx').on(t.programCountryId),
    index('citations_program_supplier_idx').on(t.programSupplierId),
    index('citations_phase_idx').on(t.phaseId),
    index('citations_power_capacity_idx').on(t.powerCapacityId),
    index('citations_commitment_idx').on(t.commitmentId),
    check('citations_one_subject_check', sql`${countNotNull(subjectColumns(t, citationSubjects))} = 1`),
    check('citations_quote_check', sql`length(trim(${t.quote})) > 0`),
    check('citations_statement_check', sql`length(trim(${t.statement})) > 0`),
    check('citations_quote_kind_check', oneOf(t.quoteKind, quoteKinds)),
    check('citations_stance_check', oneOf(t.stance, citationStances)),
  ],
);

/** Sources that disagree about one field of one subject, and how the dataset resolves it. */
export const discrepancies = trackedTable(
  'discrepancies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    programId: integer('program_id').references(() => programs.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'cascade' }),
    gpuModelId: integer('gpu_model_id').references(() => gpuModels.id, { onDelete: 'cascade' }),
    allocationId: integer('allocation_id').references(() => allocations.id, { onDelete: 'cascade' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
    investmentId: integer('investment_id').references(() => investments.id, { onDelete: 'cascade' }),
    phaseId: integer('phase_id').references(() => phases.id, { onDelete: 'cascade' }),
    powerCapacityId: integer('power_capacity_id').references(() => powerCapacities.id, { onDelete: 'cascade' }),
    commitmentId: integer('commitment_id').references(() => commitments.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    description: text('description').notNull(),
    resolution: text('resolution').notNull(),
    descriptionFolded: folded('description'),
    resolutionFolded: folded('resolution'),
  },
  (t) => [
    uniqueIndex('discrepancies_slug_unique').on(t.slug),
    index('discrepancies_program_idx').on(t.programId),
    index('discrepancies_partner_idx').on(t.partnerId),
    index('discrepancies_gpu_model_idx').on(t.gpuModelId),
    index('discrepancies_allocation_idx').on(t.allocationId),
    index('discrepancies_initiative_idx').on(t.initiativeId),
    index('discrepancies_investment_idx').on(t.investmentId),
    index('discrepancies_phase_idx').on(t.phaseId),
    index('discrepancies_power_capacity_idx').on(t.powerCapacityId),
    index('discrepancies_commitment_idx').on(t.commitmentId),
    check('discrepancies_slug_check', slugShape(t.slug)),
    check('discrepancies_one_subject_check', sql`${countNotNull(subjectColumns(t, discrepancySubjects))} = 1`),
    check('discrepancies_description_check', sql`length(trim(${t.description})) > 0`),
    check('discrepancies_resolution_check', sql`length(trim(${t.resolution})) > 0`),
  ],
);

/** The citations on each side of a discrepancy. */
export const discrepancyCitations = sqliteTable(
  'discrepancy_citations',
  {
    discrepancyId: integer('discrepancy_id')
      .notNull()
      .references(() => discrepancies.id, { onDelete: 'cascade' }),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ name: 'discrepancy_citations_pk', columns: [t.discrepancyId, t.citationId] }),
    index('discrepancy_citations_citation_idx').on(t.citationId),
  ],
);

/**
 * API keys. The key itself is shown once at creation and never stored: only its SHA-256 hash
 * (a key is 256 random bits, so a fast hash is enough) and a short prefix to recognise it by.
 */
export const apiKeys = trackedTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    /** The first characters of the key, shown in listings so a person can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    /** Space-separated scopes in canonical order, e.g. `read write`. */
    scopes: text('scopes').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_unique').on(t.keyHash),
    check('api_keys_name_check', sql`length(trim(${t.name})) > 0`),
    // SQLite forbids subqueries in CHECKs, so the allowed values are spelled out: every
    // non-empty subset of the scopes, in canonical order.
    check('api_keys_scopes_check', oneOf(t.scopes, scopeSets(apiKeyScopes))),
  ],
);

/** Every successful write, appended in the write's own transaction. Never updated or deleted. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The key that made the change; NULL for changes made from the command line. */
    apiKeyId: integer('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    operation: text('operation', { enum: auditOperations }).notNull(),
    /** The GraphQL type of the changed row, e.g. `Partner`. */
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    /** JSON of the row before and after the change; NULL before a create and after a delete. */
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
    occurredAt: text('occurred_at').notNull().default(nowIso),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
    index('audit_events_occurred_at_idx').on(t.occurredAt),
    index('audit_events_api_key_idx').on(t.apiKeyId),
    check('audit_events_operation_check', oneOf(t.operation, auditOperations)),
    check('audit_events_before_check', sql`${t.before} IS NULL OR json_valid(${t.before})`),
    check('audit_events_after_check', sql`${t.after} IS NULL OR json_valid(${t.after})`),
  ],
);

/** Which bundled datasets have been loaded, so seeding runs once per database. */
export const datasetLoads = sqliteTable('dataset_loads', {
  dataset: text('dataset').primaryKey(),
  loadedAt: text('loaded_at').notNull().default(nowIso),
});
