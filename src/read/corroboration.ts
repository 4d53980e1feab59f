// How many distinct sources support a figure: a citation count per subject, in SQL.
import { and, countDistinct, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { citations } from '../db/schema.js';

/** The subject columns of `citations` a corroboration count can be asked for. */
export type CorroboratedSubject = 'allocationId' | 'investmentId' | 'powerCapacityId' | 'phaseId' | 'commitmentId' | 'exchangeRateId';

/**
 * For each subject in `ids`, the distinct sources of its supporting citations (0 for none), in one
 * GROUP BY. Copies of one report on two sites count twice: sources are counted, not reports.
 */
export function corroborationCountsOf(db: Db, subject: CorroboratedSubject, ids: readonly number[]): number[] {
  const column = citations[subject];
  const rows = db
    .select({ id: column, sources: countDistinct(citations.sourceId) })
    .from(citations)
    .where(and(inArray(column, [...ids]), eq(citations.stance, 'SUPPORTS')))
    .groupBy(column)
    .all() as { id: number; sources: number }[];
  const bySubject = new Map(rows.map((row) => [row.id, row.sources]));
  return ids.map((id) => bySubject.get(id) ?? 0);
}
