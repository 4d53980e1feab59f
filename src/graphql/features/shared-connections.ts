// Fields several types share, added to each type by its table once the entity modules have run
// (graphql/index.ts imports this after them): `citations` and `discrepancies` on every fact type,
// `allocations`, `initiatives`, `investments` and `investmentTotal` on the types that have them.
// Each type's drizzle relation of the same name does the joining; these set the arguments and the
// ordering. One call per table, its fields in the order subgraph.graphql lists them after the
// entity's own.
import { builder } from '../builder.js';
import { toWhere, type FilterInput } from '../conventions/filters.js';
import { AllocationFilter, allocationFilterSpec, allocationOrder } from '../entities/allocation.js';
import { CitationFilter, citationFilterSpec } from '../entities/citation.js';
import { DiscrepancyFilter, discrepancyFilterSpec } from '../entities/discrepancy.js';
import { InitiativeFilter, initiativeFilterSpec, initiativeOrder } from '../entities/initiative.js';
import { InitiativeParticipantFilter, participantFilterSpec } from '../entities/initiative-participant.js';
import { InvestmentFilter, investmentFilterSpec, investmentOrder } from '../entities/investment.js';
import { initiativeInvestmentTotals, MoneyTotal, partnerInvestmentTotals, programInvestmentTotals } from './investment-totals.js';

/**
 * The slice of a plugin-drizzle field builder these helpers use. Typed loosely on purpose: each
 * table's builder is a different generic instance, and the relation names are the same on all.
 */
interface RelatedConnectionBuilder<Relation extends string> {
  relatedConnection(relation: Relation, options: object): unknown;
}

const citationArgs = builder.args((t) => ({ filter: t.field({ type: CitationFilter, description: 'Which citations to return.' }) }));
const discrepancyArgs = builder.args((t) => ({
  filter: t.field({ type: DiscrepancyFilter, description: 'Which discrepancies to return.' }),
}));

const allocationArgs = builder.args((a) => ({
  filter: a.field({ type: AllocationFilter, description: 'Which allocations to return.' }),
  orderBy: a.field({ type: [allocationOrder.input], description: 'Sort keys, applied in order.' }),
}));
const investmentArgs = builder.args((a) => ({
  filter: a.field({ type: InvestmentFilter, description: 'Which investments to return.' }),
  orderBy: a.field({ type: [investmentOrder.input], description: 'Sort keys, applied in order.' }),
}));

/** `citations(filter:)`: the sources for this object, oldest citation first. */
function citationsConnection(t: RelatedConnectionBuilder<'citations'>, description: string): never {
  return t.relatedConnection('citations', {
    description,
    totalCount: true,
    args: citationArgs,
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(citationFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}

/** `discrepancies(filter:)`: where sources disagree about this object. */
function discrepanciesConnection(t: RelatedConnectionBuilder<'discrepancies'>, description: string): never {
  return t.relatedConnection('discrepancies', {
    description,
    totalCount: true,
    args: discrepancyArgs,
    query: (args: { filter?: FilterInput | null }) => ({ where: toWhere(discrepancyFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }) as never;
}

type OrderArgument<T extends { toQuery: (...args: never[]) => unknown }> = Parameters<T['toQuery']>[0];

/** `allocations(filter:, orderBy:)`: largest first unless `orderBy` says otherwise. */
function allocationsConnection(t: RelatedConnectionBuilder<'allocations'>, description: string): never {
  return t.relatedConnection('allocations', {
    description,
    totalCount: true,
    args: allocationArgs,
    query: (args: { filter?: FilterInput | null; orderBy?: OrderArgument<typeof allocationOrder> }) => ({
      where: toWhere(allocationFilterSpec, args.filter),
      ...allocationOrder.toQuery(args.orderBy, [{ field: 'QUANTITY', direction: 'DESC' }]),
    }),
  }) as never;
}

/** `investments(filter:, orderBy:)`: newest first unless `orderBy` says otherwise. */
function investmentsConnection(t: RelatedConnectionBuilder<'investments'>, description: string): never {
  return t.relatedConnection('investments', {
    description,
    totalCount: true,
    args: investmentArgs,
    query: (args: { filter?: FilterInput | null; orderBy?: OrderArgument<typeof investmentOrder> }) => ({
      where: toWhere(investmentFilterSpec, args.filter),
      ...investmentOrder.toQuery(args.orderBy, [{ field: 'ANNOUNCED_ON', direction: 'DESC' }]),
    }),
  }) as never;
}

builder.drizzleObjectFields('allocations', (t) => ({
  citations: citationsConnection(t, 'Sources for this allocation, field by field (`field` says which).'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about this allocation, and how the dataset resolves it.'),
}));

builder.drizzleObjectFields('citations', (t) => ({
  discrepancies: discrepanciesConnection(t, 'Discrepancies this citation is evidence in.'),
}));

builder.drizzleObjectFields('commitments', (t) => ({
  citations: citationsConnection(t, 'Sources for the commitment.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about it.'),
}));

builder.drizzleObjectFields('discrepancies', (t) => ({
  citations: citationsConnection(t, "The citations on each side (see each one's `stance`)."),
}));

builder.drizzleObjectFields('exchangeRates', (t) => ({
  citations: citationsConnection(t, 'Sources for the rate.'),
}));

builder.drizzleObjectFields('gpuModels', (t) => ({
  allocations: allocationsConnection(t, 'Allocations of this model, largest first unless `orderBy` says otherwise.'),
  citations: citationsConnection(t, 'Sources for this model and its naming.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about this model.'),
}));

builder.drizzleObjectFields('initiativeParticipants', (t) => ({
  citations: citationsConnection(t, 'Sources for this participation.'),
}));

builder.drizzleObjectFields('initiatives', (t) => ({
  allocations: allocationsConnection(t, 'GPUs committed to this initiative, largest first unless `orderBy` says otherwise.'),
  investments: investmentsConnection(t, 'Money committed to this initiative.'),
  investmentTotal: t.field({
    type: MoneyTotal,
    nullable: true,
    description:
      'All investments in the initiative, in the given currency. Null with an EXCHANGE_RATE_MISSING error when an amount cannot be converted.',
    args: { currency: t.arg({ type: 'Currency', required: true, description: 'The currency to total in, e.g. "KRW".' }) },
    resolve: (initiative, args, context) => initiativeInvestmentTotals(context, args.currency).load(initiative.id),
  }),
  citations: citationsConnection(t, 'Sources for the initiative, field by field.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about the initiative, and how the dataset resolves it.'),
}));

builder.drizzleObjectFields('investmentInvestors', (t) => ({
  citations: citationsConnection(t, 'Sources naming this partner as an investor.'),
}));

builder.drizzleObjectFields('investments', (t) => ({
  citations: citationsConnection(t, 'Sources for the investment, field by field.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about the investment, and how the dataset resolves it.'),
}));

builder.drizzleObjectFields('partners', (t) => ({
  allocations: allocationsConnection(
    t,
    'GPUs committed to this partner, across programmes; largest first unless `orderBy` says otherwise.',
  ),
  initiatives: t.relatedConnection('participations', {
    description: 'The initiatives this partner takes part in, each with its role.',
    totalCount: true,
    args: { filter: t.arg({ type: InitiativeParticipantFilter, description: 'Which participations to return.' }) },
    query: (args) => ({ where: toWhere(participantFilterSpec, args.filter), orderBy: { id: 'asc' } }),
  }),
  investments: investmentsConnection(t, 'Investments this partner puts money into.'),
  investmentTotal: t.field({
    type: MoneyTotal,
    nullable: true,
    description:
      'All investments this partner takes part in, in the given currency: its stated share of each, or the whole of a co-investment whose split is undisclosed, then bounded UP_TO (at most the whole). Null with an EXCHANGE_RATE_MISSING error when an amount cannot be converted.',
    args: { currency: t.arg({ type: 'Currency', required: true, description: 'The currency to total in, e.g. "KRW".' }) },
    resolve: (partner, args, context) => partnerInvestmentTotals(context, args.currency).load(partner.id),
  }),
  citations: citationsConnection(t, 'Sources that name this partner.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about this partner, and how the dataset resolves it.'),
}));

builder.drizzleObjectFields('phases', (t) => ({
  citations: citationsConnection(t, 'Sources for the phase and its date.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about this phase.'),
}));

builder.drizzleObjectFields('powerCapacities', (t) => ({
  citations: citationsConnection(t, 'Sources for the figure.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about this figure.'),
}));

builder.drizzleObjectFields('programCountries', (t) => ({
  citations: citationsConnection(t, "Sources for the country's part."),
}));

builder.drizzleObjectFields('programSuppliers', (t) => ({
  citations: citationsConnection(t, 'Sources for the supplier.'),
}));

builder.drizzleObjectFields('programs', (t) => ({
  allocations: allocationsConnection(t, 'GPUs committed to partners in this programme, largest first unless `orderBy` says otherwise.'),
  initiatives: t.relatedConnection('initiatives', {
    description: 'Projects in this programme.',
    totalCount: true,
    args: {
      filter: t.arg({ type: InitiativeFilter, description: 'Which initiatives to return.' }),
      orderBy: t.arg({ type: [initiativeOrder.input], description: 'Sort keys, applied in order.' }),
    },
    query: (args) => ({
      where: toWhere(initiativeFilterSpec, args.filter),
      ...initiativeOrder.toQuery(args.orderBy, [{ field: 'NAME', direction: 'ASC' }]),
    }),
  }),
  investments: investmentsConnection(t, 'Money committed within this programme.'),
  investmentTotal: t.field({
    type: MoneyTotal,
    nullable: true,
    description:
      'All investments in the programme, in the given currency. Null with an EXCHANGE_RATE_MISSING error when an amount cannot be converted.',
    args: { currency: t.arg({ type: 'Currency', required: true, description: 'The currency to total in, e.g. "KRW".' }) },
    resolve: (program, args, context) => programInvestmentTotals(context, args.currency).load(program.id),
  }),
  citations: citationsConnection(t, 'Sources for the programme and its figures.'),
  discrepancies: discrepanciesConnection(t, 'Where sources disagree about the programme, and how the dataset resolves it.'),
}));

builder.drizzleObjectFields('sources', (t) => ({
  citations: citationsConnection(t, 'The facts this source is cited for.'),
}));
