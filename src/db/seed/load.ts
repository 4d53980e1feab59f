// Loads a bundled dataset into the database in one transaction, once: a dataset already recorded
// in `dataset_loads` is skipped, so start-up and `npm run db:seed` can run any number of times.
import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  allocations,
  citations,
  datasetLoads,
  discrepancies,
  discrepancyCitations,
  exchangeRates,
  gpuModels,
  initiativeParticipants,
  initiatives,
  investmentInvestors,
  investments,
  partners,
  programs,
  sources,
} from '../schema.js';
import { fillSearchFolds } from '../search-folds.js';
import { toMinorUnits } from '../../domain/money.js';
import type { CitationSeed, Dataset, DiscrepancySubject } from './dataset.js';
import { type DiscrepancySubject as Disputable, discrepancySubjects, type SubjectColumn, type SubjectRelation } from '../subjects.js';

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The citation columns that name a subject (src/db/subjects.ts); exactly one is set per citation. */
type CitationSubject = Partial<Pick<typeof citations.$inferInsert, SubjectColumn>>;

/** Finds ids by natural key and fails loudly on a key the dataset never defined. */
class KeyMap {
  private readonly ids = new Map<string, number>();
  constructor(private readonly what: string) {}

  set(key: string, id: number): void {
    if (this.ids.has(key)) throw new Error(`Dataset defines ${this.what} "${key}" twice`);
    this.ids.set(key, id);
  }

  get(key: string): number {
    const id = this.ids.get(key);
    if (id === undefined) throw new Error(`Dataset refers to unknown ${this.what} "${key}"`);
    return id;
  }
}

export interface LoadResult {
  dataset: string;
  /** False when the dataset had already been loaded into this database. */
  loaded: boolean;
}

/** Loads `dataset` unless this database already has it; all or nothing. */
export function loadDataset(db: Db, dataset: Dataset): LoadResult {
  return db.transaction(
    (tx) => {
      const previous = tx.select().from(datasetLoads).where(eq(datasetLoads.dataset, dataset.name)).get();
      if (previous) return { dataset: dataset.name, loaded: false };
      insertDataset(tx, dataset);
      // The folded search text of the rows just inserted, in the same transaction.
      fillSearchFolds(db.$client);
      tx.insert(datasetLoads).values({ dataset: dataset.name }).run();
      return { dataset: dataset.name, loaded: true };
    },
    // IMMEDIATE takes the write lock before the check, so two processes starting on one new
    // database cannot both decide to seed it.
    { behavior: 'immediate' },
  );
}

function insertDataset(tx: Transaction, dataset: Dataset): void {
  const sourceIds = new KeyMap('source');
  const partnerIds = new KeyMap('partner');
  const gpuModelIds = new KeyMap('GPU model');
  const programIds = new KeyMap('program');
  const initiativeIds = new KeyMap('initiative');
  const allocationIds = new KeyMap('allocation');
  const investmentIds = new KeyMap('investment');
  const citationIds = new KeyMap('citation key');

  const cite = (subject: CitationSubject, list: CitationSeed[]) => {
    for (const citation of list) {
      const row = tx
        .insert(citations)
        .values({
          ...subject,
          sourceId: sourceIds.get(citation.source),
          quote: citation.quote,
          quoteKind: citation.quoteKind ?? 'VERBATIM',
          locator: citation.locator ?? null,
          field: citation.field ?? null,
          statement: citation.statement,
          stance: citation.stance ?? 'SUPPORTS',
        })
        .returning({ id: citations.id })
        .get();
      if (citation.key) citationIds.set(citation.key, row.id);
    }
  };

  for (const source of dataset.sources) {
    const row = tx.insert(sources).values(source).returning({ id: sources.id }).get();
    sourceIds.set(source.slug, row.id);
  }

  for (const { citations: cited, ...partner } of dataset.partners) {
    const row = tx.insert(partners).values(partner).returning({ id: partners.id }).get();
    partnerIds.set(partner.slug, row.id);
    cite({ partnerId: row.id }, cited);
  }

  for (const { citations: cited, ...model } of dataset.gpuModels) {
    const row = tx.insert(gpuModels).values(model).returning({ id: gpuModels.id }).get();
    gpuModelIds.set(model.slug, row.id);
    cite({ gpuModelId: row.id }, cited);
  }

  for (const { citations: cited, supplier, ...program } of dataset.programs) {
    const row = tx
      .insert(programs)
      .values({ ...program, supplierId: partnerIds.get(supplier) })
      .returning({ id: programs.id })
      .get();
    programIds.set(program.slug, row.id);
    cite({ programId: row.id }, cited);
  }

  for (const { citations: cited, participants, program, ...initiative } of dataset.initiatives) {
    const row = tx
      .insert(initiatives)
      .values({ ...initiative, programId: programIds.get(program) })
      .returning({ id: initiatives.id })
      .get();
    initiativeIds.set(initiative.slug, row.id);
    cite({ initiativeId: row.id }, cited);
    for (const participant of participants) {
      const link = tx
        .insert(initiativeParticipants)
        .values({
          initiativeId: row.id,
          partnerId: partnerIds.get(participant.partner),
          role: participant.role,
          contribution: participant.contribution ?? null,
        })
        .returning({ id: initiativeParticipants.id })
        .get();
      cite({ initiativeParticipantId: link.id }, participant.citations);
    }
  }

  for (const { citations: cited, key, program, partner, gpuModel, initiative, ...allocation } of dataset.allocations) {
    const row = tx
      .insert(allocations)
      .values({
        ...allocation,
        programId: programIds.get(program),
        partnerId: partnerIds.get(partner),
        gpuModelId: gpuModel === null ? null : gpuModelIds.get(gpuModel),
        initiativeId: initiative === null ? null : initiativeIds.get(initiative),
      })
      .returning({ id: allocations.id })
      .get();
    allocationIds.set(key, row.id);
    cite({ allocationId: row.id }, cited);
  }

  for (const { citations: cited, investors, program, initiative, amount, ...investment } of dataset.investments) {
    const minor = toMinorUnits(amount, investment.currency);
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new Error(`Investment "${investment.slug}" is too large to store exactly`);
    }
    const row = tx
      .insert(investments)
      .values({
        ...investment,
        amountMinor: Number(minor),
        programId: programIds.get(program),
        initiativeId: initiative === null ? null : initiativeIds.get(initiative),
      })
      .returning({ id: investments.id })
      .get();
    investmentIds.set(investment.slug, row.id);
    cite({ investmentId: row.id }, cited);
    for (const investor of investors) {
      const link = tx
        .insert(investmentInvestors)
        .values({ investmentId: row.id, partnerId: partnerIds.get(investor.partner) })
        .returning({ id: investmentInvestors.id })
        .get();
      cite({ investmentInvestorId: link.id }, investor.citations);
    }
  }

  for (const { citations: cited, ...rate } of dataset.exchangeRates) {
    const row = tx.insert(exchangeRates).values(rate).returning({ id: exchangeRates.id }).get();
    cite({ exchangeRateId: row.id }, cited);
  }

  // The TypeScript dataset (Korea's) has no phases, power capacities or commitments: the world's
  // programmes, which do, load through dataset-io's mergeDataset.
  const idsBySubject: Partial<Record<SubjectRelation<Disputable>, KeyMap>> = {
    program: programIds,
    partner: partnerIds,
    gpuModel: gpuModelIds,
    allocation: allocationIds,
    initiative: initiativeIds,
    investment: investmentIds,
  };
  const subjectColumns = (subject: DiscrepancySubject): CitationSubject => {
    for (const { relation, column } of discrepancySubjects) {
      const key = (subject as Partial<Record<string, string>>)[relation];
      if (key === undefined) continue;
      const ids = idsBySubject[relation];
      if (!ids) throw new Error(`This dataset cannot hold a discrepancy about a ${relation}`);
      return { [column]: ids.get(key) };
    }
    throw new Error(`A discrepancy names no subject: ${JSON.stringify(subject)}`);
  };

  for (const { citations: cited, subject, ...discrepancy } of dataset.discrepancies) {
    const row = tx
      .insert(discrepancies)
      .values({ ...discrepancy, ...subjectColumns(subject) })
      .returning({ id: discrepancies.id })
      .get();
    for (const key of cited) {
      tx.insert(discrepancyCitations)
        .values({ discrepancyId: row.id, citationId: citationIds.get(key) })
        .run();
    }
  }
}
