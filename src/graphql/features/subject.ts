// What citations and discrepancies can be about. Each row names its subject with exactly one
// foreign key (the map is src/db/subjects.ts); these helpers load those relations and return the
// one set, branded with its GraphQL type so the `Node` interface can resolve it.
import { brandWithType, type ObjectRef } from '@pothos/core';
import { citationSubjects, discrepancySubjects, type SubjectRelation } from '../../db/subjects.js';
import { decodeGlobalId } from '../conventions/global-id.js';
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
  return citationSubjects.map((subject) => [subject.relation, types[subject.relation] as ObjectRef<never, unknown>]);
}

/** `with` for loading a citation's (all) or a discrepancy's subject relations. */
export function subjectRelations(citation: true): Record<SubjectRelation, true>;
export function subjectRelations(citation: false): Record<SubjectRelation<(typeof discrepancySubjects)[number]>, true>;
export function subjectRelations(citation: boolean): Record<string, true> {
  return Object.fromEntries((citation ? citationSubjects : discrepancySubjects).map((subject) => [subject.relation, true]));
}

/** GraphQL type → subject column. */
const subjectColumns: Record<string, string> = Object.fromEntries(citationSubjects.map((subject) => [subject.typename, subject.column]));

/**
 * Column values naming the subject with global ID `subjectId`: the one matching column set,
 * every other subject column null. Throws InvalidIdError for an ID of no allowed type,
 * NotFoundError when no row has it.
 */
export function subjectColumnValues(tx: Transaction, subjectId: string, allowed: readonly string[]): Record<string, number | null> {
  const { typename } = decodeGlobalId(subjectId, allowed, 'subjectId');
  const values: Record<string, number | null> = Object.fromEntries(allowed.map((type) => [subjectColumns[type]!, null]));
  values[subjectColumns[typename]!] = resolveId(tx, subjectId, typename, 'subjectId');
  return values;
}

export const citationSubjectTypes = citationSubjects.map((subject) => subject.typename);
export const discrepancySubjectTypes = discrepancySubjects.map((subject) => subject.typename);

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
