// Per partner: its GPUs divided by all GPUs of the programmes it has allocations in, in SQL.
import { eq, inArray, sql } from 'drizzle-orm';
import { alias, type AnySQLiteColumn, type AnySQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { allocationSource } from './allocation-source.js';

// Programme and partner are all the question involves, so a rollup answers it.
const source = allocationSource(['programId', 'partnerId']);
const aliased = (name: string) => {
  const table = alias(source.table as AnySQLiteTable, name);
  return { table, columns: table as unknown as Record<string, AnySQLiteColumn> };
};
const own = aliased('own');
const inPrograms = aliased('in_programs');
const memberships = aliased('memberships');

/**
 * The share of each partner in `ids`, null for a partner with no allocations. One statement:
 * the partners' GPUs per programme, joined to the totals of those programmes, each computed once.
 */
export function partnerGpuSharesOf(db: Db, ids: readonly number[]): (number | null)[] {
  const perProgram = db
    .select({
      partnerId: own.columns.partnerId!,
      programId: own.columns.programId!,
      quantity: sql<number>`sum(${own.columns.quantity!})`.as('partner_quantity'),
    })
    .from(own.table)
    .where(inArray(own.columns.partnerId!, [...ids]))
    .groupBy(own.columns.partnerId!, own.columns.programId!)
    .as('per_program');
  const programsOfPartners = db
    .select({ programId: memberships.columns.programId! })
    .from(memberships.table)
    .where(inArray(memberships.columns.partnerId!, [...ids]));
  const programTotals = db
    .select({ programId: inPrograms.columns.programId!, total: sql<number>`sum(${inPrograms.columns.quantity!})`.as('program_total') })
    .from(inPrograms.table)
    .where(inArray(inPrograms.columns.programId!, programsOfPartners))
    .groupBy(inPrograms.columns.programId!)
    .as('program_totals');
  const rows = db
    .select({
      partnerId: perProgram.partnerId,
      share: sql<number>`cast(sum(${perProgram.quantity}) as real) / sum(${programTotals.total})`,
    })
    .from(perProgram)
    .innerJoin(programTotals, eq(programTotals.programId, perProgram.programId))
    .groupBy(perProgram.partnerId)
    .all() as { partnerId: number; share: number }[];
  const byPartner = new Map(rows.map((row) => [row.partnerId, row.share]));
  return ids.map((id) => byPartner.get(id) ?? null);
}
