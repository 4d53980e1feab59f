// Distinct partners with allocations, per programme, in SQL.
import { countDistinct, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { allocationSource } from './allocation-source.js';

/** The count for each programme in `ids` (0 for none), in one GROUP BY. */
export function programPartnerCountsOf(db: Db, ids: readonly number[]): number[] {
  const source = allocationSource(['programId', 'partnerId']);
  const programId = source.columns.programId!;
  const rows = db
    .select({ programId, partners: countDistinct(source.columns.partnerId!) })
    .from(source.table)
    .where(inArray(programId, [...ids]))
    .groupBy(programId)
    .all() as { programId: number; partners: number }[];
  const byProgram = new Map(rows.map((row) => [row.programId, row.partners]));
  return ids.map((id) => byProgram.get(id) ?? 0);
}
