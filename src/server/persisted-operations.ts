// Trusted documents: the operations this project ships (GraphiQL's examples now, the dashboard's
// later), keyed by the SHA-256 of their text. `npm run schema:print` writes them to
// persisted-operations.json; the server serves them by hash and, with
// PERSISTED_OPERATIONS_ONLY=true, refuses any other document.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { exampleOperations } from './example-operations.js';

export const manifestUrl = new URL('../../persisted-operations.json', import.meta.url);

/** Splits a document into one standalone document per operation (with the fragments it uses). */
function operationsOf(source: string): string[] {
  const definitions = parse(source).definitions;
  const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return definitions
    .filter((definition): definition is Extract<DefinitionNode, { kind: Kind.OPERATION_DEFINITION }> => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => [operation, ...fragments].map((definition) => print(definition)).join('\n\n'));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The manifest as it should be: hash → document, sorted by hash for a stable file. */
export function buildManifest(): Record<string, string> {
  const documents = operationsOf(exampleOperations);
  return Object.fromEntries(documents.map((document) => [sha256(document), document]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

/** The committed manifest, read once at start-up. */
export function loadManifest(): Record<string, string> {
  return JSON.parse(readFileSync(manifestUrl, 'utf8')) as Record<string, string>;
}
