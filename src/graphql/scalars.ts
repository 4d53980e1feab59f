// Scalars come from graphql-scalars rather than hand-written parsers.
import { GraphQLError, Kind } from 'graphql';
import { CurrencyResolver, DateTimeResolver, LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { signedDecimal } from '../domain/money.js';
import { builder } from './builder.js';

// graphql-scalars checks every date it serializes by building a Date and its ISO string, a twentieth
// of a filtered list's CPU; a list repeats few distinct dates, so a date it accepted once is sent
// again without the check (any other value still goes through it, and is refused as before).
const serializedDates = new Set<string>();
const MAX_SERIALIZED_DATES = 10_000;
const serializeLocalDate = LocalDateResolver.serialize.bind(LocalDateResolver);

builder.addScalarType('Date', LocalDateResolver, {
  description: 'A calendar date in ISO 8601 form, `YYYY-MM-DD`, with no time zone.',
  serialize: (value) => {
    if (typeof value === 'string' && serializedDates.has(value)) return value;
    const date = serializeLocalDate(value) as string;
    if (serializedDates.size >= MAX_SERIALIZED_DATES) serializedDates.clear();
    serializedDates.add(date);
    return date;
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant in ISO 8601 / RFC 3339 form with a UTC offset, e.g. `2025-10-31T06:00:00Z`.',
});

// graphql-scalars has no arbitrary-precision decimal scalar (its BigInt is integral and its
// Currency is a code), so Money is declared here: a decimal string, never a float.
function parseMoney(value: unknown): string {
  if (typeof value !== 'string' || !signedDecimal.test(value)) {
    throw new GraphQLError('Money must be a decimal string such as "3000000000.00".', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

builder.scalarType('Money', {
  description:
    'An exact decimal amount as a string, e.g. `"3000000000.00"`. Never a float: KRW 4 trillion does not fit a GraphQL Int and loses cents as a Float.',
  serialize: (value) => parseMoney(value),
  parseValue: (value) => parseMoney(value),
  parseLiteral: (ast) => parseMoney(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.addScalarType('Currency', CurrencyResolver, {
  description: 'An ISO 4217 currency code, e.g. `USD` or `KRW`.',
});

builder.addScalarType('SafeInt', SafeIntResolver, {
  description: "A whole number up to 2^53 − 1, sent as a JSON number. Used for totals, which can outgrow GraphQL's 32-bit `Int`.",
});
