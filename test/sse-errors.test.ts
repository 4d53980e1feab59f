// Documents that never run, sent to graphql-sse's endpoint (/graphql/stream): a client gets the
// GraphQL errors with their codes, as graphql-sse answers them itself — a syntax error is a 400,
// a validation error is streamed as the operation's one result — and not graphql-sse 2.6.1's
// "Unable to detect operation AST" (patches/graphql-sse+2.6.1.patch), nor yoga's internal
// `http` extension (src/server/sse-results.ts).
import { createClient, type ExecutionResult } from 'graphql-sse';
import { describe, expect, suiteServer, test } from './fixtures.js';

const post = (url: string, query: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
  });

/** Every result one operation gets through graphql-sse's own client, and how it ended. */
async function subscribe(url: string, query: string, singleConnection: boolean) {
  const client = createClient({ url, singleConnection, retryAttempts: 0 });
  const results: ExecutionResult[] = [];
  try {
    const ended = await new Promise<'complete' | unknown>((resolve) =>
      client.subscribe(
        { query },
        { next: (result) => results.push(result as ExecutionResult), error: resolve, complete: () => resolve('complete') },
      ),
    );
    return { results, ended };
  } finally {
    client.dispose();
  }
}

describe('graphql-sse endpoint: documents that never run', () => {
  const server = suiteServer();
  const stream = () => `${server.origin}/graphql/stream`;

  test('an unknown field: the validation error streamed with its code, nothing internal', async () => {
    const response = await post(stream(), '{ nope }');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).not.toContain('Unable to detect operation AST');
    const next = text
      .split('\n\n')
      .find((event) => event.startsWith('event: next'))
      ?.split('\n')
      .find((line) => line.startsWith('data: '));
    const result = JSON.parse(next!.slice('data: '.length)) as ExecutionResult;
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((error) => [error.message.split('.')[0], error.extensions])).toEqual([
      ['Cannot query field "nope" on type "Query"', { code: 'GRAPHQL_VALIDATION_FAILED' }],
    ]);
    expect(text).toContain('event: complete');
  });

  test('a syntax error: 400 with the parse error and its code', async () => {
    const response = await post(stream(), '{ programs { ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as ExecutionResult;
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  for (const singleConnection of [false, true])
    test(`graphql-sse's client (${singleConnection ? 'single connection' : 'distinct connections'}): the validation error as the result, then complete`, async () => {
      const { results, ended } = await subscribe(stream(), 'subscription { nope }', singleConnection);
      expect(ended).toBe('complete');
      expect(results).toHaveLength(1);
      expect(results[0]!.errors?.map((error) => error.extensions)).toEqual([{ code: 'GRAPHQL_VALIDATION_FAILED' }]);
    });
});
