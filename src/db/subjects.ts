// The one map of what citations and discrepancies can be about. Each subject is a table a
// citation (and, for some, a discrepancy) points at with a foreign-key column of its own; exactly
// one such column is set per row. The tables' CHECKs (src/db/schema.ts), the GraphQL subject
// lists and descriptions (src/graphql/features/subject.ts and the citation and discrepancy
// entities) and the seed loader read this map; `test/subjects.test.ts` checks the columns,
// relations and shipped CHECKs against it.

export interface Subject {
  /** The relation on `citations`/`discrepancies` (src/db/relations.ts) and the seed dataset's key. */
  readonly relation: string;
  /** The foreign-key column on `citations`/`discrepancies`. */
  readonly column: string;
  /** The table pointed at, by its key in src/db/schema.ts. */
  readonly table: string;
  /** The GraphQL type of the subject. */
  readonly typename: string;
  /** Whether a discrepancy can be about it (every subject can be cited). */
  readonly disputable: boolean;
}

/** In the order the API lists them: the disputable subjects first. */
export const subjects = [
  { relation: 'program', column: 'programId', table: 'programs', typename: 'Program', disputable: true },
  { relation: 'partner', column: 'partnerId', table: 'partners', typename: 'Partner', disputable: true },
  { relation: 'gpuModel', column: 'gpuModelId', table: 'gpuModels', typename: 'GpuModel', disputable: true },
  { relation: 'allocation', column: 'allocationId', table: 'allocations', typename: 'Allocation', disputable: true },
  { relation: 'initiative', column: 'initiativeId', table: 'initiatives', typename: 'Initiative', disputable: true },
  { relation: 'investment', column: 'investmentId', table: 'investments', typename: 'Investment', disputable: true },
  { relation: 'phase', column: 'phaseId', table: 'phases', typename: 'Phase', disputable: true },
  { relation: 'powerCapacity', column: 'powerCapacityId', table: 'powerCapacities', typename: 'PowerCapacity', disputable: true },
  { relation: 'commitment', column: 'commitmentId', table: 'commitments', typename: 'Commitment', disputable: true },
  {
    relation: 'initiativeParticipant',
    column: 'initiativeParticipantId',
    table: 'initiativeParticipants',
    typename: 'InitiativeParticipant',
    disputable: false,
  },
  {
    relation: 'investmentInvestor',
    column: 'investmentInvestorId',
    table: 'investmentInvestors',
    typename: 'InvestmentInvestor',
    disputable: false,
  },
  { relation: 'exchangeRate', column: 'exchangeRateId', table: 'exchangeRates', typename: 'ExchangeRate', disputable: false },
  { relation: 'programCountry', column: 'programCountryId', table: 'programCountries', typename: 'ProgramCountry', disputable: false },
  { relation: 'programSupplier', column: 'programSupplierId', table: 'programSuppliers', typename: 'ProgramSupplier', disputable: false },
] as const satisfies readonly Subject[];

type AnySubject = (typeof subjects)[number];
export type CitationSubject = AnySubject;
export type DiscrepancySubject = Extract<AnySubject, { disputable: true }>;

/** What a citation can be about: every subject. */
export const citationSubjects: readonly CitationSubject[] = subjects;
/** What a discrepancy can be about. */
export const discrepancySubjects: readonly DiscrepancySubject[] = subjects.filter(
  (subject): subject is DiscrepancySubject => subject.disputable,
);

/** The subject columns of `citations` or `discrepancies`. */
export type SubjectColumn<S extends AnySubject = AnySubject> = S['column'];
export type SubjectRelation<S extends AnySubject = AnySubject> = S['relation'];

/** `A, B or C`: the subjects' type names as the descriptions list them. */
export function subjectTypeList(list: readonly Subject[]): string {
  const names = list.map((subject) => subject.typename);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
