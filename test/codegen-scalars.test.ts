// graphql-codegen and the custom scalars: clients/codegen-scalars.ts types every scalar of the
// schema (none left `unknown` but federation's `_Any`), the project's codegen.ts uses it, and the
// codegen.ts of the README, run in memory on a client's operation, types each scalar field.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { isScalarType, isSpecifiedScalarType } from 'graphql';
import { expect, it } from 'vitest';
import { scalars } from '../clients/codegen-scalars.js';
import config from '../codegen.js';
import { schema } from '../src/graphql/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

it('maps every custom scalar of the schema to a TypeScript type', () => {
  const custom = Object.values(schema.getTypeMap())
    .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
    .map((type) => type.name)
    .sort();
  expect(custom).toHaveLength(7);
  expect(Object.keys(scalars).sort()).toEqual(custom);
  for (const [name, type] of Object.entries(scalars)) if (name !== '_Any') expect(type, name).not.toBe('unknown');
  const generates = config.generates as Record<string, { config?: { scalars?: unknown; strictScalars?: boolean } }>;
  expect(generates['web/gql/']!.config!.scalars).toBe(scalars);
  expect(generates['web/gql/']!.config!.strictScalars).toBe(true);
});

it("types a client's scalar fields with the README's codegen.ts", async () => {
  const outputs = (await generate(
    {
      cwd: root,
      silent: true,
      verbose: false,
      schema: './schema.graphql',
      documents: [
        /* GraphQL */ `query ClientInvestments { investments(first: 2) { edges { node { id announcedOn amount { amount currency } } } } auditEvents(first: 1) { edges { node { occurredAt before } } } }`,
      ],
      generates: {
        'client-gql/': { preset: 'client', config: { scalars, strictScalars: true, useTypeImports: true, enumsAsTypes: true } },
      },
    },
    false,
  )) as { filename: string; content: string }[];
  const graphql = outputs.find((output) => output.filename.endsWith('graphql.ts'))!.content;
  const query = /export type ClientInvestmentsQuery = (.*);/.exec(graphql)![1]!;
  expect(query).toContain('announcedOn: string');
  expect(query).toContain('amount: { amount: string, currency: string }');
  expect(query).toContain('occurredAt: string');
  expect(query).toContain('before: Record<string, unknown> | null');
  expect(query.replaceAll('Record<string, unknown>', '')).not.toMatch(/unknown|any/);
  expect(readFileSync(`${root}README.md`, 'utf8')).toContain("import { scalars } from './clients/codegen-scalars.js'");
}, 60_000);
