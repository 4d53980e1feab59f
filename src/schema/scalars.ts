// Scalars come from graphql-scalars rather than hand-written parsers.
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { builder } from './builder.js';

builder.addScalarType('Date', LocalDateResolver, {
  description: 'A calendar date in ISO 8601 form, `YYYY-MM-DD`, with no time zone.',
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant in ISO 8601 / RFC 3339 form with a UTC offset, e.g. `2025-10-31T06:00:00Z`.',
});
