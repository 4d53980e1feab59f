// Korea's dataset is written in TypeScript (src/db/seed/korea-2025.ts), but it is loaded like every
// other dataset: turned into a document of the export format (docs/dataset-format.md) and merged
// by dataset-io's mergeDataset, the one inserter of datasets. The document's ids are assigned in
// the order the rows appear in the dataset, so a fresh database gets the ids it always had.
import { getColumns, getTableName, type InferInsertModel } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client.js';
import {
  datasetFormat,
  datasetFormatVersion,
  datasetTableNames,
  type DatasetDocument,
  type DatasetRow,
  type DatasetTableName,
  type DatasetValue,
  mergeDataset,
} from '../dataset-io.js';
import {
  allocations,
  citations,
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
import { toMinorUnits } from '../../domain/money.js';
import type { CitationSeed, Dataset, DiscrepancySubject } from './dataset.js';
import {
  citationSubjects,
  type DiscrepancySubject as Disputable,
  discrepancySubjects,
  type SubjectColumn,
  type SubjectRelation,
} from '../subjects.js';

/** The citation columns that name a subject (src/db/subjects.ts); exactly one is set per citation. */
type CitationSubject = Partial<Pick<InferInsertModel<typeof citations>, SubjectColumn>>;

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

/** The rows of one table of the document, each given the next id of the file. */
class TableRows<T extends SQLiteTable> {
  readonly rows: DatasetRow[] = [];
  private readonly columns: Record<string, SQLiteColumn>;
  constructor(private readonly table: T) {
    this.columns = getColumns(table) as Record<string, SQLiteColumn>;
  }

  /** Adds a row given by drizzle property names, as `db.insert(table).values(…)` takes it; returns its file id. */
  add(values: Omit<InferInsertModel<T>, 'id'>): number {
    const id = this.rows.length + 1;
    this.rows.push(this.toRow({ id, ...values }));
    return id;
  }

  /** Adds a row of a table without an id of its own (a link table keyed by its references). */
  addLink(values: InferInsertModel<T>): void {
    this.rows.push(this.toRow(values));
  }

  /** The row keyed by database column names; a value left undefined is left to the database. */
  private toRow(values: Record<string, unknown>): DatasetRow {
    const row: DatasetRow = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const column = this.columns[key];
      if (!column) throw new Error(`Dataset gives ${getTableName(this.table)} a value for "${key}", which is no column of it`);
      row[column.name] = value as DatasetValue;
    }
    return row;
  }
}

/** Every citation subject column set to NULL but `subject`'s, as an export writes a citation. */
const citationSubjectColumns = (subject: CitationSubject): CitationSubject => ({
  ...Object.fromEntries(citationSubjects.map(({ column }) => [column, null])),
  ...subject,
});

/**
 * `dataset` as a document of the export format, natural keys resolved to the document's own ids.
 * Throws on a key the dataset refers to but never defines; everything else (references,
 * uniqueness, CHECKs, text rules) is left to mergeDataset, which checks it for every dataset.
 */
export function datasetDocument(dataset: Dataset): DatasetDocument {
  const sourceRows = new TableRows(sources);
  const partnerRows = new TableRows(partners);
  const gpuModelRows = new TableRows(gpuModels);
  const programRows = new TableRows(programs);
  const initiativeRows = new TableRows(initiatives);
  const participantRows = new TableRows(initiativeParticipants);
  const allocationRows = new TableRows(allocations);
  const investmentRows = new TableRows(investments);
  const investorRows = new TableRows(investmentInvestors);
  const exchangeRateRows = new TableRows(exchangeRates);
  const citationRows = new TableRows(citations);
  const discrepancyRows = new TableRows(discrepancies);
  const discrepancyCitationRows = new TableRows(discrepancyCitations);

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
      const id = citationRows.add({
        ...citationSubjectColumns(subject),
        sourceId: sourceIds.get(citation.source),
        quote: citation.quote,
        quoteKind: citation.quoteKind ?? 'VERBATIM',
        locator: citation.locator ?? null,
        field: citation.field ?? null,
        statement: citation.statement,
        stance: citation.stance ?? 'SUPPORTS',
      });
      if (citation.key) citationIds.set(citation.key, id);
    }
  };

  for (const source of dataset.sources) sourceIds.set(source.slug, sourceRows.add(source));

  for (const { citations: cited, ...partner } of dataset.partners) {
    const id = partnerRows.add(partner);
    partnerIds.set(partner.slug, id);
    cite({ partnerId: id }, cited);
  }

  for (const { citations: cited, ...model } of dataset.gpuModels) {
    const id = gpuModelRows.add(model);
    gpuModelIds.set(model.slug, id);
    cite({ gpuModelId: id }, cited);
  }

  for (const { citations: cited, supplier, ...program } of dataset.programs) {
    const id = programRows.add({ ...program, supplierId: partnerIds.get(supplier) });
    programIds.set(program.slug, id);
    cite({ programId: id }, cited);
  }

  for (const { citations: cited, participants, program, ...initiative } of dataset.initiatives) {
    const id = initiativeRows.add({ ...initiative, programId: programIds.get(program) });
    initiativeIds.set(initiative.slug, id);
    cite({ initiativeId: id }, cited);
    for (const participant of participants) {
      const link = participantRows.add({
        initiativeId: id,
        partnerId: partnerIds.get(participant.partner),
        role: participant.role,
        contribution: participant.contribution ?? null,
      });
      cite({ initiativeParticipantId: link }, participant.citations);
    }
  }

  for (const { citations: cited, key, program, partner, gpuModel, initiative, ...allocation } of dataset.allocations) {
    const id = allocationRows.add({
      ...allocation,
      programId: programIds.get(program),
      partnerId: partnerIds.get(partner),
      gpuModelId: gpuModel === null ? null : gpuModelIds.get(gpuModel),
      initiativeId: initiative === null ? null : initiativeIds.get(initiative),
    });
    allocationIds.set(key, id);
    cite({ allocationId: id }, cited);
  }

  for (const { citations: cited, investors, program, initiative, amount, ...investment } of dataset.investments) {
    const minor = toMinorUnits(amount, investment.currency);
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new Error(`Investment "${investment.slug}" is too large to store exactly`);
    }
    const id = investmentRows.add({
      ...investment,
      amountMinor: Number(minor),
      programId: programIds.get(program),
      initiativeId: initiative === null ? null : initiativeIds.get(initiative),
    });
    investmentIds.set(investment.slug, id);
    cite({ investmentId: id }, cited);
    for (const investor of investors) {
      const link = investorRows.add({ investmentId: id, partnerId: partnerIds.get(investor.partner) });
      cite({ investmentInvestorId: link }, investor.citations);
    }
  }

  for (const { citations: cited, ...rate } of dataset.exchangeRates) {
    cite({ exchangeRateId: exchangeRateRows.add(rate) }, cited);
  }

  // The TypeScript dataset (Korea's) has no phases, power capacities or commitments; a dataset
  // that has them is written in the export format directly (src/db/seed/programmes/).
  const idsBySubject: Partial<Record<SubjectRelation<Disputable>, KeyMap>> = {
    program: programIds,
    partner: partnerIds,
    gpuModel: gpuModelIds,
    allocation: allocationIds,
    initiative: initiativeIds,
    investment: investmentIds,
  };
  const subjectColumns = (
    subject: DiscrepancySubject,
  ): Partial<Pick<InferInsertModel<typeof discrepancies>, SubjectColumn<Disputable>>> => {
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
    const id = discrepancyRows.add({ ...discrepancy, ...subjectColumns(subject) });
    for (const key of cited) discrepancyCitationRows.addLink({ discrepancyId: id, citationId: citationIds.get(key) });
  }

  const filled: Partial<Record<DatasetTableName, DatasetRow[]>> = {
    sources: sourceRows.rows,
    partners: partnerRows.rows,
    gpu_models: gpuModelRows.rows,
    programs: programRows.rows,
    initiatives: initiativeRows.rows,
    initiative_participants: participantRows.rows,
    allocations: allocationRows.rows,
    investments: investmentRows.rows,
    investment_investors: investorRows.rows,
    exchange_rates: exchangeRateRows.rows,
    citations: citationRows.rows,
    discrepancies: discrepancyRows.rows,
    discrepancy_citations: discrepancyCitationRows.rows,
    dataset_loads: [{ dataset: dataset.name }],
  };
  const tables = Object.fromEntries(datasetTableNames.map((name) => [name, filled[name] ?? []])) as Record<DatasetTableName, DatasetRow[]>;
  return { format: datasetFormat, version: datasetFormatVersion, tables };
}

/**
 * Merges a bundled dataset document (mergeDataset: all or nothing, once per database); one that
 * does not load is a bug of the release, so it throws, naming `what`.
 */
export function loadDocument(db: Db, document: unknown, what: string): LoadResult {
  const result = mergeDataset(db, document);
  if (!result.ok) {
    throw new Error(`Bundled dataset ${what} does not load: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
  return { dataset: result.datasets.join(', '), loaded: result.loaded };
}

/** Loads `dataset` unless this database already has it; all or nothing. */
export function loadDataset(db: Db, dataset: Dataset): LoadResult {
  return loadDocument(db, datasetDocument(dataset), dataset.name);
}
