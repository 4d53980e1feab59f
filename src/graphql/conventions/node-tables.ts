// Which table is behind each node type: the one list the ID checks of `nodes(ids:)`, the write
// path's ID resolution and its "what points here" messages all read.
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { relations } from '../../db/relations.js';

export const nodeTables = {
  Program: 'programs',
  Partner: 'partners',
  GpuModel: 'gpuModels',
  Allocation: 'allocations',
  Initiative: 'initiatives',
  InitiativeParticipant: 'initiativeParticipants',
  Investment: 'investments',
  InvestmentInvestor: 'investmentInvestors',
  ExchangeRate: 'exchangeRates',
  Source: 'sources',
  Citation: 'citations',
  Discrepancy: 'discrepancies',
  AuditEvent: 'auditEvents',
  Phase: 'phases',
  PowerCapacity: 'powerCapacities',
  Commitment: 'commitments',
  ProgramCountry: 'programCountries',
  ProgramSupplier: 'programSuppliers',
} as const satisfies Record<string, keyof typeof relations>;

/** The table of a node type, or undefined for a name that is not one. */
export function tableOfType(typename: string): SQLiteTable | undefined {
  const key = (nodeTables as Record<string, keyof typeof relations>)[typename];
  return key ? relations[key].table : undefined;
}

const typeBySqlName = new Map(Object.entries(nodeTables).map(([typename, key]) => [getTableConfig(relations[key].table).name, typename]));

/** The node type of a table, by its SQL name (`gpu_models` → `GpuModel`); the name itself otherwise. */
export function typeOfTable(sqlName: string): string {
  return typeBySqlName.get(sqlName) ?? sqlName;
}

/**
 * A row reference by id alone: plugin-drizzle sees the missing columns and loads every such row
 * of a request in one batched query per type (a findFirst each would be N+1).
 */
export function rowById(id: number | null): never {
  return (id === null ? null : { id }) as never;
}
