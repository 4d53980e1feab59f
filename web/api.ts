// Transport: every query goes by its SHA-256 hash only (persisted operations, codegen's
// `persistedDocuments`); the subscriptions take document text over graphql-sse.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import persistedDocuments from './gql/persisted-documents.json' with { type: 'json' };

export const ENDPOINT = '/graphql';
/** Yoga's CSRF prevention (on in production) wants this header on every request. */
export const CSRF_HEADERS = { 'x-graphql-yoga-csrf': 'dashboard' };

/** The hash codegen put on a document (`persistedDocuments`, mode replaceDocumentWithHash). */
function hashOf(document: TypedDocumentNode<unknown, never> | object): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('document without a persisted hash: run `npm run codegen`');
  return hash;
}

/** The text codegen hashed, for transports that take text (graphql-sse's handler). */
export function textOf(document: object): string {
  const text = (persistedDocuments as Record<string, string>)[hashOf(document)];
  if (!text) throw new Error('document missing from persisted-documents.json: run `npm run codegen`');
  return text;
}

function persistedRequest(
  document: object,
  variables: Record<string, unknown>,
): { extensions: Record<string, unknown>; variables: Record<string, unknown> } {
  return { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document) } }, variables };
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

function describe(error: GraphQLError | undefined, status: number): string {
  return error ? `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}` : `HTTP ${status}`;
}

async function post<TResult>(
  document: object,
  variables: Record<string, unknown>,
): Promise<{ body: GraphQLResult<TResult>; status: number }> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...CSRF_HEADERS },
    body: JSON.stringify(persistedRequest(document, variables)),
  });
  return { body: (await response.json()) as GraphQLResult<TResult>, status: response.status };
}

/** The data of a query; throws on any error. */
export async function request<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const { body, status } = await post<TResult>(document, variables);
  if (body.errors?.length || !body.data) throw new Error(describe(body.errors?.[0], status));
  return body.data;
}

/** A field that failed alone, where, and what the server said. */
export interface ToleratedError {
  path: string;
  code: string;
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * The data of a query whose nullable fields may fail alone with one of `tolerated` codes (a
 * programme's total with no exchange rate): the paths of those errors come back with the data;
 * any other error throws.
 */
export async function requestTolerating<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  tolerated: readonly string[],
): Promise<{ data: TResult; failed: ToleratedError[] }> {
  const { body, status } = await post<TResult>(document, variables);
  const errors = body.errors ?? [];
  const fatal = errors.find((error) => !tolerated.includes(error.extensions?.code ?? ''));
  if (fatal || !body.data) throw new Error(describe(fatal ?? errors[0], status));
  return {
    data: body.data,
    failed: errors.map((error) => ({
      path: (error.path ?? []).join('.'),
      code: error.extensions?.code ?? '',
      message: error.message,
      extensions: error.extensions ?? {},
    })),
  };
}
