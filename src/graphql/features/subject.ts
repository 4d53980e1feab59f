// What citations and discrepancies can be about. Each row names its subject with exactly one
// foreign key (see src/db/schema.ts); these helpers load those relations and return the one set,
// branded with its GraphQL type so the `Node` interface can resolve it.
import { brandWithType, type ObjectRef } from '@pothos/core';
import { NotFoundError } from '../conventions/error-classes.js';
import { parseGlobalId } from '../conventions/global-id.js';
import { resolveId, type Transaction } from '../conventions/writes.js';
import { Allocation } from '../entities/allocation.js';
import { ExchangeRate } from '../entities/exchange-rate.js';
import { GpuModel } from '../entities/gpu-model.js';
import { Initiative } from '../entities/initiative.js';
import { InitiativeParticipant } from '../entities/initiative-participant.js';
import { Investment } from '../entities/investment.js';
import { InvestmentInvestor } from '../entities/investment-investor.js';
import { Partner } from '../entities/partner.js';
import { Program } from '../entities/program.js';
import { Phase } from '../entities/phase.js';
import { PowerCapacity } from '../entities/power-capacity.js';
import { Commitment } from '../entities/commitment.js';
import { ProgramCountry, ProgramSupplier } from '../entities/program-country.js';

const discrepancySubjects = [
  'program',
  'partner',
  'gpuModel',
  'allocation',
  'initiative',
  'investment',
  'phase',
  'powerCapacity',
  'commitment',
] as const;
const citationSubjects = [
  ...discrepancySubjects,
  'initiativeParticipant',
  'investmentInvestor',
  'exchangeRate',
  'programCountry',
  'programSupplier',
] as const;

type SubjectRelation = (typeof citationSubjects)[number];

/** The relation → GraphQL type pairs, looked up lazily: the type modules import this one. */
export function subjectTypes(): [SubjectRelation, ObjectRef<never, unknown>][] {
  const types: Record<SubjectRelation, unknown> = {
    program: Program,
    partner: Partner,
    gpuModel: GpuModel,
    allocation: Allocation,
    initiative: Initiative,
    investment: Investment,
    initiativeParticipant: InitiativeParticipant,
    investmentInvestor: InvestmentInvestor,
    exchangeRate: ExchangeRate,
    phase: Phase,
    powerCapacity: PowerCapacity,
    commitment: Commitment,
    programCountry: ProgramCountry,
    programSupplier: ProgramSupplier,
  };
  return Object.entries(types) as [SubjectRelation, ObjectRef<never, unknown>][];
}

/** `with` for loading a citation's (all) or a discrepancy's subject relations. */
export function subjectRelations(citation: true): Record<(typeof citationSubjects)[number], true>;
export function subjectRelations(citation: false): Record<(typeof discrepancySubjects)[number], true>;
export function subjectRelations(citation: boolean): Record<string, true> {
  return Object.fromEntries((citation ? citationSubjects : discrepancySubjects).map((name) => [name, true]));
}

const subjectColumns: Record<string, string> = {
  Program: 'programId',
  Partner: 'partnerId',
  GpuModel: 'gpuModelId',
  Allocation: 'allocationId',
  Initiative: 'initiativeId',
  Investment: 'investmentId',
  InitiativeParticipant: 'initiativeParticipantId',
  InvestmentInvestor: 'investmentInvestorId',
  ExchangeRate: 'exchangeRateId',
  Phase: 'phaseId',
  PowerCapacity: 'powerCapacityId',
  Commitment: 'commitmentId',
  ProgramCountry: 'programCountryId',
  ProgramSupplier: 'programSupplierId',
};

/**
 * Column values naming the subject with global ID `subjectId`: the one matching column set,
 * every other subject column null. Throws NotFoundError for an ID of no allowed object.
 */
export function subjectColumnValues(tx: Transaction, subjectId: string, allowed: readonly string[]): Record<string, number | null> {
  const typename = parseGlobalId(subjectId)?.typename;
  if (typename === undefined || !allowed.includes(typename)) throw new NotFoundError(allowed.join(' or '), subjectId, 'subjectId');
  const values: Record<string, number | null> = Object.fromEntries(allowed.map((type) => [subjectColumns[type]!, null]));
  values[subjectColumns[typename]!] = resolveId(tx, subjectId, typename, 'subjectId');
  return values;
}

export const citationSubjectTypes = Object.keys(subjectColumns);
export const discrepancySubjectTypes = [
  'Program',
  'Partner',
  'GpuModel',
  'Allocation',
  'Initiative',
  'Investment',
  'Phase',
  'PowerCapacity',
  'Commitment',
];

/** The one subject relation loaded on a citation or discrepancy row, branded for `Node`. */
export function loadedSubject(row: Record<string, unknown>, what: string): never {
  for (const [relation, type] of subjectTypes()) {
    const subject = row[relation];
    if (subject) {
      brandWithType(subject, type);
      return subject as never;
    }
  }
  throw new Error(`${what} ${String(row.id)} has no subject`);
}
