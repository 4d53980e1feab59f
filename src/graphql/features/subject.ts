// What citations and discrepancies can be about. Each row names its subject with exactly one
// foreign key (the map is src/db/subjects.ts); these helpers load those relations and return the
// one set, branded with its GraphQL type so the `Node` interface can resolve it.
import { brandWithType, type OutputType, type SchemaTypes } from '@pothos/core';
import { citationSubjects, discrepancySubjects, type SubjectRelation } from '../../db/subjects.js';
import { decodeGlobalId } from '../conventions/global-id.js';
import { resolveId, type Transaction } from '../conventions/writes.js';

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

/**
 * The one subject relation loaded on a citation or discrepancy row, branded for `Node` with the
 * map's type name (Pothos resolves names when asked): the entity modules import this one.
 */
export function loadedSubject(row: Record<string, unknown>, what: string): never {
  for (const { relation, typename } of citationSubjects) {
    const subject = row[relation];
    if (subject) {
      // Typed as a ref: Pothos types only the names of types declared up front, ours are built.
      brandWithType(subject, typename as OutputType<SchemaTypes>);
      return subject as never;
    }
  }
  throw new Error(`${what} ${String(row.id)} has no subject`);
}
