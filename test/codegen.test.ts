// The dashboard's generated client (web/gql/) is current: codegen runs in memory from
// schema.graphql and web/operations/ and must produce exactly the committed files. When this
// fails, run `npm run codegen` (then `npm run schema:print` for persisted-operations.json).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';
import { loadManifest, sha256 } from '../src/server/persisted-operations.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('graphql-codegen output (web/gql/)', () => {
  it('is what `npm run codegen` generates now', async () => {
    const outputs = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
    const generated = Object.fromEntries(
      outputs.map((output: { filename: string; content: string }) => [output.filename.replace(/^\.\//, ''), output.content]),
    );
    const committed = Object.fromEntries(
      readdirSync(`${root}web/gql`).map((name) => [`web/gql/${name}`, readFileSync(`${root}web/gql/${name}`, 'utf8')]),
    );
    expect(Object.keys(committed).sort(), 'files in web/gql/ (run `npm run codegen`)').toEqual(Object.keys(generated).sort());
    for (const [file, content] of Object.entries(generated)) {
      expect(committed[file], `${file} is stale: run \`npm run codegen\``).toBe(content);
    }
  }, 60_000);

  it('every dashboard operation is a persisted operation under the SHA-256 of its text', () => {
    const documents = JSON.parse(readFileSync(`${root}web/gql/persisted-documents.json`, 'utf8')) as Record<string, string>;
    const manifest = loadManifest();
    expect(Object.keys(documents).length).toBeGreaterThanOrEqual(6);
    for (const [hash, document] of Object.entries(documents)) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(sha256(document)).toBe(hash);
      // Subscriptions are sent as text over graphql-sse, which takes no hash; they are listed so
      // that PERSISTED_OPERATIONS_ONLY still trusts their text.
      expect(manifest[hash], `${hash} missing from persisted-operations.json: run \`npm run schema:print\``).toBe(document);
    }
    // The bundle sends the same hashes: graphql.ts carries them as each document's __meta__.
    const typed = readFileSync(`${root}web/gql/graphql.ts`, 'utf8');
    const sent = [...typed.matchAll(/"__meta__":\{"hash":"([0-9a-f]{64})"\}/g)].map((match) => match[1]);
    expect(sent.sort()).toEqual(Object.keys(documents).sort());
  });
});
