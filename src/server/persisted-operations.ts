// Trusted documents: the operations this project ships (GraphiQL's examples and the dashboard's),
// keyed by the SHA-256 of their text. `npm run schema:print` writes them to
// persisted-operations.json; the server serves them by hash and, with
// PERSISTED_OPERATIONS_ONLY=true, refuses any other document.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInMemoryAPQStore, type APQStore } from '@graphql-yoga/plugin-apq';
import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { exampleOperations } from './example-operations.js';

export const manifestUrl = new URL('../../persisted-operations.json', import.meta.url);
/** The dashboard's operations as graphql-codegen wrote them (`npm run codegen`): hash → document. */
export const dashboardDocumentsUrl = new URL('../../web/gql/persisted-documents.json', import.meta.url);

/** Splits a document into one standalone document per operation (with the fragments it uses). */
function operationsOf(source: string): string[] {
  const definitions = parse(source).definitions;
  const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return definitions
    .filter(
      (definition): definition is Extract<DefinitionNode, { kind: Kind.OPERATION_DEFINITION }> =>
        definition.kind === Kind.OPERATION_DEFINITION,
    )
    .map((operation) => [operation, ...fragments].map((definition) => print(definition)).join('\n\n'));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** True for a document holding a subscription (it streams instead of answering once). */
export function isSubscription(document: string): boolean {
  return parse(document).definitions.some(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription',
  );
}

/**
 * The dashboard's operations, under codegen's keys: the dashboard sends its queries by exactly
 * those hashes. Codegen hashes the text it stores with SHA-256 too; a key that is not the hash of
 * its text is refused rather than shipped. Its subscriptions go as text over graphql-sse
 * (/graphql/stream, which takes no hash); they are listed so that, with
 * PERSISTED_OPERATIONS_ONLY, the server can still recognise their text as trusted.
 */
export function dashboardDocuments(): [string, string][] {
  const documents = JSON.parse(readFileSync(dashboardDocumentsUrl, 'utf8')) as Record<string, string>;
  return Object.entries(documents).map(([hash, document]) => {
    if (sha256(document) !== hash)
      throw new Error(`web/gql/persisted-documents.json: ${hash} is not the SHA-256 of its document; run \`npm run codegen\``);
    return [hash, document];
  });
}

/** The manifest as it should be: hash → document, sorted by hash for a stable file. */
export function buildManifest(): Record<string, string> {
  const documents = operationsOf(exampleOperations);
  return Object.fromEntries(
    [...documents.map((document): [string, string] => [sha256(document), document]), ...dashboardDocuments()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    ),
  );
}

/** The committed manifest, read once at start-up. */
export function loadManifest(): Record<string, string> {
  return JSON.parse(readFileSync(manifestUrl, 'utf8')) as Record<string, string>;
}

/** Automatic persisted queries: how many documents a process keeps, how long, and how large. */
export const apqLimits = { max: 1000, ttlMs: 24 * 3_600_000, maxDocumentLength: 32_768 };

/**
 * The store behind automatic persisted queries (yoga's APQ plugin), used when arbitrary
 * operations are allowed: the manifest's documents are always found by hash, and a client's
 * document is registered the first time it is sent with its hash (Apollo's PersistedQueryLink
 * then needs one request per run instead of two). Registration happens before the document is
 * parsed, so the store is bounded by count and by document length (a 1 MB body per entry would
 * otherwise be allowed); a longer document still runs, it is just not kept.
 */
export function createApqStore(manifest: Record<string, string>): APQStore {
  const registered = createInMemoryAPQStore({ max: apqLimits.max, ttl: apqLimits.ttlMs });
  return {
    // Own keys only: a hash such as `__proto__` or `constructor` names no document.
    get: (hash) => (Object.hasOwn(manifest, hash) ? manifest[hash] : registered.get(hash)),
    set: (hash, document) =>
      document.length <= apqLimits.maxDocumentLength && !Object.hasOwn(manifest, hash) ? registered.set(hash, document) : undefined,
  };
}
