// With introspection off, no error may suggest a name: "Did you mean …" after a misspelt field,
// argument, type, enum value or input field gives the schema away one guess at a time.
// graphql-armor's block-field-suggestions covers validation only (and only the plain `Did you
// mean "x"?` form); enum values and input fields in variables are reported by execution, when
// the variables are coerced, so this covers validation, execution and subscription results.
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

const suggestion = /\s*Did you mean [^?]*\?/g;

function strip(errors: readonly Error[] | undefined): void {
  // An error's message is a plain writable property; the error keeps its code and locations.
  for (const error of errors ?? []) if (suggestion.test(error.message)) error.message = error.message.replace(suggestion, '').trim();
}

export function useNoSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ result }) =>
        strip(result),
    onExecute: () => ({ onExecuteDone: (payload) => handleStreamOrSingleExecutionResult(payload, ({ result }) => strip(result.errors)) }),
    onSubscribe: () => ({
      onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, ({ result }) => strip(result.errors)),
    }),
  };
}
