// What clients see of errors. Errors the client can fix keep their message and get a code;
// everything else becomes "Unexpected error." with no message, stack or SQL, whatever NODE_ENV says.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isPrimaryUnavailable, PrimaryUnavailableError } from '../db/replication.js';
import { DomainError, ValidationError } from '../graphql/conventions/error-classes.js';

/** A yoga `maskError`: codes for client mistakes, masking for the rest. */
export function maskError(error: unknown, message: string): Error {
  // The libSQL primary is unreachable (src/db/replication.ts): the client may retry later.
  if (isPrimaryUnavailable(error)) {
    const located = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(new PrimaryUnavailableError().message, {
      nodes: located?.nodes,
      source: located?.source,
      positions: located?.positions,
      path: located?.path,
      extensions: { code: 'UNAVAILABLE' },
    });
  }
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
  return 'BAD_USER_INPUT';
}

/**
 * An error as a GraphQL error a client may see: run through `maskError`, with no `http`
 * extension (that one is for the transport). Used wherever an error escapes yoga's own handling:
 * a plugin's request hook (graphql-sse) and the WebSocket server.
 */
export function clientError(error: unknown): GraphQLError {
  const masked = maskError(error, 'Unexpected error.');
  const coded =
    masked instanceof GraphQLError ? masked : new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const { http: _http, unexpected: _unexpected, ...extensions } = coded.extensions as Record<string, unknown>;
  return new GraphQLError(coded.message, {
    nodes: coded.nodes,
    source: coded.source,
    positions: coded.positions,
    path: coded.path,
    extensions,
  });
}

/**
 * The HTTP answer for an error no handler answered: the status it asks for (401 for a bad key),
 * 400 for any other GraphQL error (a document that does not parse), 500 for the unexpected; a
 * JSON body of masked, coded errors, never a stack.
 */
export function errorResponse(error: unknown, ResponseType: typeof Response): Response {
  const masked = maskError(error, 'Unexpected error.');
  const extensions = (masked instanceof GraphQLError ? masked.extensions : {}) as {
    http?: { status?: number; headers?: Record<string, string> };
    unexpected?: boolean;
  };
  const status = extensions.http?.status ?? (!(masked instanceof GraphQLError) || extensions.unexpected ? 500 : 400);
  return new ResponseType(JSON.stringify({ errors: [clientError(error).toJSON()] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...extensions.http?.headers },
  });
}
