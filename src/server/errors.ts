// What clients see of errors. Errors the client can fix keep their message and get a code;
// everything else becomes "Unexpected error." with no message, stack or SQL, whatever NODE_ENV says.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { DomainError, ValidationError } from '../schema/error-classes.js';

/** A yoga `maskError`: codes for client mistakes, masking for the rest. */
export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    // A typed error thrown where no typed result catches it (a query field, say) keeps its code.
    if (original instanceof DomainError) {
      return new GraphQLError(original.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        // Outside a mutation's typed result, bad input gets GraphQL's conventional code.
        extensions: { code: original instanceof ValidationError ? 'BAD_USER_INPUT' : original.code },
      });
    }
    // Pothos and plugin-validation report bad arguments, cursors and IDs as PothosValidationError.
    if (original instanceof PothosValidationError || error instanceof PothosValidationError) {
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, code: codeFor(error.message) },
      });
    }
  }
  // Never pass isDev: yoga would otherwise attach the original error and its stack in development.
  return yogaMaskError(error, message, false);
}

function codeFor(message: string): string {
  // plugin-drizzle's own checks of a cursor's shape say "cursor" somewhere, not always first.
  if (/cursor/i.test(message)) return 'INVALID_CURSOR';
  if (/^Invalid global ID/i.test(message)) return 'INVALID_ID';
  return 'BAD_USER_INPUT';
}
