// What graphql-sse streams, without yoga's internal error extensions. Yoga removes `http` (the
// status it would answer with) and `unexpected` from errors when it serialises a result itself,
// but results at /graphql/stream are serialised by graphql-sse, and yoga does not export that
// step (`omitInternalsFromResultErrors`), so this is the same few lines.
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';

type Streamed = ExecutionResult | { errors?: readonly unknown[] };

export function withoutInternalExtensions<T extends Streamed>(result: T): T | undefined {
  const errors = result.errors as readonly { toJSON?: () => GraphQLFormattedError; extensions?: Record<string, unknown> }[] | undefined;
  if (!errors?.some((error) => error.extensions && ('http' in error.extensions || 'unexpected' in error.extensions))) return undefined;
  return {
    ...result,
    errors: errors.map((error) => {
      const formatted = typeof error.toJSON === 'function' ? error.toJSON() : (error as GraphQLFormattedError);
      const { http: _http, unexpected: _unexpected, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: Object.keys(extensions).length ? extensions : undefined };
    }),
  };
}
