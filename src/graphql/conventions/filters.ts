// The filter convention of the API, GraphQL side: per field an operator input ({ eq, ne, in, gt,
// gte, lt, lte } as the type allows), `search` over names, relation fields taking the related
// type's filter, and AND / OR / NOT. Each filterable entity declares its filter once, with
// `defineFilter`; that one declaration generates both the `<Type>Filter` input here and the plain
// `FilterSpec` that src/read/filters.ts walks into SQL. The SQL side lives in src/read/ because
// it needs no GraphQL and is unit-tested apart; only what builds GraphQL types stays here.
import type { EnumRef } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { getTableColumns } from 'drizzle-orm';
import { relations } from '../../db/relations.js';
import { isSearchFold } from '../../db/search-folds.js';
import type { FilterInput, FilterRule, FilterSpec, TableColumns } from '../../read/filters.js';
import { builder, type PothosTypes } from '../builder.js';
import { decodeGlobalId } from './global-id.js';

export { countWhere, filterColumns, toOneLink, toWhere, type FilterInput, type FilterSpec } from '../../read/filters.js';

type Types = PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>;

const filterInputRef = (name: string) => builder.inputRef<FilterInput>(name);
/** A `<Type>Filter` input as the schema holds it. */
export type FilterInputRef = ReturnType<ReturnType<typeof filterInputRef>['implement']>;

type Operator = 'eq' | 'ne' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';
/** The value type an operator input compares: a scalar's name or an enum. */
type OperandType = 'Int' | 'String' | 'Boolean' | 'ID' | 'Date' | 'DateTime' | EnumRef<Types, string, string>;

interface ComparableShape<T> {
  eq?: T | null;
  ne?: T | null;
  in?: readonly T[] | null;
  gt?: T | null;
  gte?: T | null;
  lt?: T | null;
  lte?: T | null;
}

/**
 * The one factory of operator inputs: `name` with the given operators, each described; `in`
 * takes a list of the operand type, every other operator one value.
 */
function operatorInput<T>(name: string, type: OperandType, description: string, operators: Partial<Record<Operator, string>>) {
  return builder.inputRef<ComparableShape<T>>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(operators).map(([operator, text]) => [
          operator,
          t.field({ type: (operator === 'in' ? [type] : type) as 'String', description: text }),
        ]),
      ) as never,
  });
}

const equality = { eq: 'Equal to.', ne: 'Not equal to.', in: 'Equal to one of these.' };
const ordering = { gt: 'Greater than.', gte: 'Greater than or equal to.', lt: 'Less than.', lte: 'Less than or equal to.' };

export const IntFilter = operatorInput<number>('IntFilter', 'Int', 'Conditions on an integer; all given conditions must hold.', {
  ...equality,
  ...ordering,
});

export const DateFilter = operatorInput<string>('DateFilter', 'Date', 'Conditions on a date; all given conditions must hold.', {
  eq: 'On this date.',
  ne: 'Not on this date.',
  in: 'On one of these dates.',
  gt: 'After this date.',
  gte: 'On or after this date.',
  lt: 'Before this date.',
  lte: 'On or before this date.',
});

export const DateTimeFilter = operatorInput<string>(
  'DateTimeFilter',
  'DateTime',
  'Conditions on an instant; all given conditions must hold.',
  { gt: 'After.', gte: 'At or after.', lt: 'Before.', lte: 'At or before.' },
);

export const StringFilter = operatorInput<string>(
  'StringFilter',
  'String',
  'Conditions on a string, compared exactly (case-sensitive); all given conditions must hold.',
  equality,
);

export const BooleanFilter = operatorInput<boolean>('BooleanFilter', 'Boolean', 'Conditions on a true/false value.', { eq: 'Equal to.' });

export const IDFilter = operatorInput<string>('IDFilter', 'ID', 'Conditions on a global ID; the IDs must be of the type being filtered.', {
  eq: 'This object.',
  ne: 'Any object but this one.',
  in: 'One of these objects.',
});

/** An operator input for one enum: eq, ne, in. */
export function enumFilter<V extends string>(name: string, enumRef: EnumRef<Types, V, V>, what: string) {
  const description = `Conditions on ${what}; all given conditions must hold.`;
  return operatorInput<V>(name, enumRef as EnumRef<Types, string, string>, description, equality);
}

/** A coded error for input the client can fix. */
export function badInput(message: string, code = 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** The operator input of a column kind; an enum's comes from `enumFilter`. */
const kinds = { id: IDFilter, string: StringFilter, int: IntFilter, date: DateFilter, dateTime: DateTimeFilter, boolean: BooleanFilter };

/** A field comparing one column (the field's own name unless `column` says otherwise). */
interface ColumnField {
  /** A scalar kind, or an enum's operator input from `enumFilter`. */
  kind: keyof typeof kinds | { readonly kind: 'InputObject' };
  description: string;
  column?: string;
  /** Turns each operand into the stored form; `id` fields decode global IDs of the entity itself. */
  map?: (value: unknown) => unknown;
}

/** A field taking another entity's filter through a relation (the field's name unless `relation` says otherwise). */
interface RelationField {
  /** The GraphQL type name of the related entity, whose filter the field takes. */
  filter: string;
  description: string;
  relation?: string;
}

/**
 * `search`: case-insensitive text in these columns (and JSON arrays of strings), each a folded
 * column (`<column>_folded`, src/db/search-folds.ts), which the search compares with the folded needle.
 */
interface SearchField {
  search: (table: TableColumns) => TableColumns[string][];
  arrays?: (table: TableColumns) => TableColumns[string][];
  description: string;
}

/** An input field the caller interprets itself before walking the rest (the audit log's `entity`). */
interface CallerField {
  input: 'ID';
  description: string;
}

export interface FilterDeclaration {
  /** The filtered GraphQL type; the input is named `<typename>Filter`. */
  typename: string;
  /** The drizzle relations key of its table. */
  table: keyof typeof relations;
  description: string;
  /** The input's fields, in the order the schema lists them. */
  fields: Record<string, ColumnField | RelationField | SearchField | CallerField>;
  /** Whether AND / OR / NOT follow the fields (every entity filter but the audit log's). */
  logic?: boolean;
}

export interface FilterDefinition {
  input: FilterInputRef;
  spec: FilterSpec;
}

const definitions = new Map<string, FilterDefinition>();

/** The filter of a type declared with `defineFilter`; looked up late, since entities refer to each other. */
export function definitionOf(typename: string): FilterDefinition {
  const definition = definitions.get(typename);
  if (!definition) throw new Error(`No filter is declared for ${typename}`);
  return definition;
}

/** The rule `src/read/filters.ts` applies for one declared field, if the walker handles it. */
function ruleOf(typename: string, field: string, declared: FilterDeclaration['fields'][string]): FilterRule | undefined {
  if ('input' in declared) return undefined;
  if ('search' in declared) return { kind: 'search', columns: declared.search, arrays: declared.arrays };
  if ('filter' in declared) {
    const related = declared.filter;
    return { kind: 'relation', relation: declared.relation ?? field, spec: () => definitionOf(related).spec };
  }
  const map = declared.map ?? (declared.kind === 'id' ? (id: unknown) => decodeGlobalId(id, typename).id : undefined);
  return { kind: 'column', column: declared.column ?? field, ...(map ? { map } : {}) };
}

/** Declares one entity's filter: its `<Type>Filter` input and the spec that turns it into SQL. */
export function defineFilter(declaration: FilterDeclaration): FilterDefinition {
  const { typename, table, fields } = declaration;
  const rules: Record<string, FilterRule> = {};
  for (const [field, declared] of Object.entries(fields)) {
    const rule = ruleOf(typename, field, declared);
    if (rule) rules[field] = rule;
    if (rule?.kind === 'search') {
      const columns = getTableColumns(relations[table].table);
      const searched = [...rule.columns(columns), ...(rule.arrays?.(columns) ?? [])];
      // An unfolded column would be compared with a folded needle (found by lower case only): refused at start-up.
      const unfolded = searched.filter((column) => !isSearchFold(column)).map((column) => column.name);
      if (unfolded.length > 0) throw new Error(`${typename}Filter.${field}: ${unfolded.join(', ')} is not a folded search column`);
    }
    // A misspelt column or relation fails at start-up, not on the first request that uses it.
    const known =
      rule?.kind === 'column'
        ? rule.column in getTableColumns(relations[table].table)
        : rule?.kind === 'relation'
          ? rule.relation in relations[table].relations
          : true;
    if (!known) throw new Error(`${typename}Filter.${field}: ${table} has no such column or relation`);
  }
  const input: FilterInputRef = filterInputRef(`${typename}Filter`).implement({
    description: declaration.description,
    fields: (t) => ({
      ...Object.fromEntries(
        Object.entries(fields).map(([field, declared]) => {
          const type =
            'input' in declared
              ? declared.input
              : 'search' in declared
                ? 'String'
                : 'filter' in declared
                  ? definitionOf(declared.filter).input
                  : typeof declared.kind === 'string'
                    ? kinds[declared.kind]
                    : declared.kind;
          return [field, t.field({ type: type as 'String', description: declared.description })];
        }),
      ),
      ...(declaration.logic === false
        ? {}
        : {
            AND: t.field({ type: [input], description: 'Every one of these filters holds.' }),
            OR: t.field({ type: [input], description: 'At least one of these filters holds.' }),
            NOT: t.field({ type: input, description: 'This filter does not hold.' }),
          }),
    }),
  });
  const definition = { input, spec: { typename, table, fields: rules } };
  definitions.set(typename, definition);
  return definition;
}
