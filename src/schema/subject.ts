// What citations and discrepancies can be about. Each row names its subject with exactly one
// foreign key (see src/db/schema.ts); these helpers load those relations and return the one set,
// branded with its GraphQL type so the `Node` interface can resolve it.
import type { ObjectRef } from '@pothos/core';
import { Allocation } from './allocation.js';
import { ExchangeRate } from './exchange-rate.js';
import { GpuModel } from './gpu-model.js';
import { Initiative } from './initiative.js';
import { InitiativeParticipant } from './initiative-participant.js';
import { Investment } from './investment.js';
import { InvestmentInvestor } from './investment-investor.js';
import { Partner } from './partner.js';
import { Program } from './program.js';

const discrepancySubjects = ['program', 'partner', 'gpuModel', 'allocation', 'initiative', 'investment'] as const;
const citationSubjects = [
  ...discrepancySubjects,
  'initiativeParticipant',
  'investmentInvestor',
  'exchangeRate',
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
  };
  return Object.entries(types) as [SubjectRelation, ObjectRef<never, unknown>][];
}

/** `with` for loading a citation's (all) or a discrepancy's subject relations. */
export function subjectRelations(citation: true): Record<(typeof citationSubjects)[number], true>;
export function subjectRelations(citation: false): Record<(typeof discrepancySubjects)[number], true>;
export function subjectRelations(citation: boolean): Record<string, true> {
  return Object.fromEntries((citation ? citationSubjects : discrepancySubjects).map((name) => [name, true]));
}
