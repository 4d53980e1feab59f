// A partner's share of the GPUs in the programmes it takes part in, computed in SQL.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { eq, inArray, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { allocations } from '../db/schema.js';
import type { Context } from './builder.js';

const own = alias(allocations, 'own');
const programs = alias(allocations, 'in_programs');
const memberships = alias(allocations, 'memberships');

/**
 * Per partner: its GPUs divided by all GPUs of the programmes it has allocations in; null for a
 * partner with none. One statement for every partner asked about in a request.
 */
export const partnerGpuShares = createContextCache(
  (context: Context) =>
    new DataLoader<number, number | null>(async (ids) => {
      const programsOfPartner = context.db
        .select({ programId: memberships.programId })
        .from(memberships)
        .where(eq(memberships.partnerId, own.partnerId));
      const programsTotal = context.db
        .select({ total: sum(programs.quantity) })
        .from(programs)
        .where(inArray(programs.programId, programsOfPartner));
      const rows = context.db
        .select({
          partnerId: own.partnerId,
          share: sql<number>`cast(sum(${own.quantity}) as real) / (${programsTotal})`,
        })
        .from(own)
        .where(inArray(own.partnerId, [...ids]))
        .groupBy(own.partnerId)
        .all();
      const byPartner = new Map(rows.map((row) => [row.partnerId, row.share]));
      return ids.map((id) => byPartner.get(id) ?? null);
    }),
);
