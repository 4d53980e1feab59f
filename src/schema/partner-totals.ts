// A partner's share of the GPUs in the programmes it takes part in, computed in SQL.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { eq, inArray, sql } from 'drizzle-orm';
import { alias, type AnySQLiteColumn, type AnySQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Context } from './builder.js';
import { allocationSource } from './rollups.js';

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
 * Per partner: its GPUs divided by all GPUs of the programmes it has allocations in; null for a
 * partner with none. One statement for every partner asked about in a request: the partners'
 * GPUs per programme, joined to the totals of those programmes, each computed once.
 */
export const partnerGpuShares = createContextCache(
  (context: Context) =>
    new DataLoader<number, number | null>(async (ids) => {
      const perProgram = context.db
        .select({
          partnerId: own.columns.partnerId!,
          programId: own.columns.programId!,
          quantity: sql<number>`sum(${own.columns.quantity!})`.as('partner_quantity'),
        })
        .from(own.table)
        .where(inArray(own.columns.partnerId!, [...ids]))
        .groupBy(own.columns.partnerId!, own.columns.programId!)
        .as('per_program');
      const programsOfPartners = context.db
        .select({ programId: memberships.columns.programId! })
        .from(memberships.table)
        .where(inArray(memberships.columns.partnerId!, [...ids]));
      const programTotals = context.db
        .select({ programId: inPrograms.columns.programId!, total: sql<number>`sum(${inPrograms.columns.quantity!})`.as('program_total') })
        .from(inPrograms.table)
        .where(inArray(inPrograms.columns.programId!, programsOfPartners))
        .groupBy(inPrograms.columns.programId!)
        .as('program_totals');
      const rows = context.db
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
    }),
);
