// Random documents and variables, generated from the real schema's root fields and argument
// types (valid and invalid values, strings with lone surrogates and control characters, big
// numbers, nested filters, forged IDs and cursors, garbage documents), sent over a real port to
// the service running with production settings. Whatever comes in: never a 5xx, never a stack,
// file path or SQL message in a body, and /health answers within a second afterwards.
// fast-check with a fixed seed, so a failure reproduces; FUZZ_SEED and FUZZ_RUNS override it.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/index.js';
import { send, temporaryFolder } from './helpers.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';

const seed = Number(process.env.FUZZ_SEED ?? 20251031);
const runs = Number(process.env.FUZZ_RUNS ?? 300);
/** The run stops after this long, whatever count it reached, so the suite stays bounded. */
const timeLimitMs = Number(process.env.FUZZ_TIME_MS ?? 30_000);

const folder = temporaryFolder();
afterAll(() => {
  killServerProcesses();
  folder.remove();
});

const b64 = (text: string) => Buffer.from(text).toString('base64');
const nodeTypes = [
  'Program',
  'Partner',
  'GpuModel',
  'Allocation',
  'Initiative',
  'InitiativeParticipant',
  'Investment',
  'InvestmentInvestor',
  'ExchangeRate',
  'Source',
  'Citation',
  'Discrepancy',
  'AuditEvent',
];

// --- values ---------------------------------------------------------------------------------

const nastyStrings = fc.constantFrom(
  'a\ud800b',
  '\udc00',
  'x\ud83d',
  '\u0000',
  'a\u001b[31mb',
  'a\nb',
  '\r\n',
  '\t',
  '\u2028',
  '\u0085',
  '\u007f',
  '%',
  '_',
  "'; DROP TABLE partners; --",
  '삼성',
  'samsung',
  '🚀',
  'kt',
  'korea-2025',
  'gb200',
  '',
  ' ',
  '__proto__',
  'constructor',
  'null',
  '{}',
  '[]',
  '\\',
  '"',
  'x'.repeat(2_000),
  '가'.repeat(500),
);
const strings = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: nastyStrings },
);
const ids = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...nodeTypes), fc.integer({ min: 1, max: 40 })).map(([type, id]) => b64(`${type}:${id}`)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...nodeTypes),
        fc.constantFrom('0x10', '01', ' 1', '1 ', '+1', '1.0', '-1', '0', '9007199254740993', '1e3', '1:2'),
      )
      .map(([type, id]) => b64(`${type}:${id}`)),
  },
  { weight: 1, arbitrary: strings },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(b64) },
);
const ints = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(100, 101, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1e20, 1.5, -0) },
);
const cursors = fc.oneof(
  fc.constantFrom(b64('DC:J:{"a":1}'), b64('DC:N:1'), b64('DC:S:x'), b64('DC:T:["S:a","N:2"]')),
  fc.jsonValue({ maxDepth: 2 }).map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  strings,
);
/** A value of the wrong kind for almost any type. */
const wrongValues = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.jsonValue({ maxDepth: 2 }), strings);

/** Values a well-meaning client sends: real slugs, searches, canonical IDs, small pages. */
const saneStrings = fc.oneof(
  fc.constantFrom('kt', 'korea-2025', 'samsung-electronics', 'gb200', 'ai-native-6g', '삼성', 'samsung', 'GPU', ''),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
);
const saneIds = fc.tuple(fc.constantFrom(...nodeTypes), fc.integer({ min: 1, max: 12 })).map(([type, id]) => b64(`${type}:${id}`));

function scalarValue(name: string, hostile: boolean): fc.Arbitrary<unknown> {
  if (!hostile) {
    if (name === 'String') return saneStrings;
    if (name === 'ID') return saneIds;
    if (name === 'Int' || name === 'SafeInt') return fc.integer({ min: 0, max: 5 });
  }
  switch (name) {
    case 'String':
      return strings;
    case 'ID':
      return ids;
    case 'Int':
    case 'SafeInt':
      return ints;
    case 'Float':
      return fc.oneof(fc.double(), ints);
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof(fc.constantFrom('2025-10-31', '2025-02-30', '0000-00-00', '2025-1-1', '9999-12-31'), strings);
    case 'DateTime':
      return fc.oneof(fc.constantFrom('2025-10-31T00:00:00Z', '2025-10-31T25:00:00Z', '2025-10-31'), strings);
    case 'Money':
      return fc.oneof(fc.constantFrom('1426.5', '0', '-1', '1e5', '99999999999999999999999999999.999'), strings);
    case 'Currency':
      return fc.oneof(fc.constantFrom('USD', 'KRW', 'EUR', 'XXX', 'usd'), strings);
    case 'JSONObject':
      return fc.object({ maxDepth: 2 });
    case '_Any':
      return fc.oneof(
        fc.record({
          __typename: fc.constantFrom('Program', 'Partner', 'GpuModel', 'Allocation', 'Initiative', 'Investment', 'Source', 'Nope'),
          id: ids,
        }),
        fc.record({ __typename: fc.constantFrom('Program', 'Partner', 'Source'), slug: strings }),
        wrongValues,
      );
    default:
      return strings;
  }
}

const valueCache = new Map<string, fc.Arbitrary<unknown>>();

/**
 * Values for an input type; input objects nest at most 3 deep. Hostile values are sometimes of
 * another type, null where required, or unknown fields; sane ones are of the type.
 */
function inputValue(type: GraphQLInputType, depth: number, hostile: boolean, argName = ''): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = inputValue(type.ofType, depth, hostile, argName);
    return hostile ? fc.oneof({ weight: 30, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
  }
  if (isListType(type)) {
    const item = inputValue(type.ofType, depth, hostile, argName);
    return hostile
      ? fc.oneof({ weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: item })
      : fc.array(item, { maxLength: 3 });
  }
  if (argName === 'after' || argName === 'before') return cursors;
  const named = type;
  const key = `${named.name}:${depth}:${hostile}`;
  const cached = valueCache.get(key);
  if (cached) return cached;
  let proper: fc.Arbitrary<unknown>;
  const enumValues = isEnumType(named) ? fc.constantFrom(...named.getValues().map((value) => value.name)) : undefined;
  if (isScalarType(named)) proper = scalarValue(named.name, hostile);
  else if (enumValues)
    proper = hostile
      ? fc.oneof({ weight: 8, arbitrary: enumValues }, { weight: 1, arbitrary: fc.constantFrom('NOPE', 'asc') })
      : enumValues;
  else if (depth >= 3 || !isInputObjectType(named)) proper = fc.constant({});
  else {
    const fields = Object.values(named.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    // Sane filters stay small: a few fields, rarely AND/OR/NOT.
    const usable = hostile ? fields : fields.filter((field) => depth === 0 || !['AND', 'OR', 'NOT'].includes(field.name));
    for (const field of usable) model[field.name] = fc.constant(null).chain(() => inputValue(field.type, depth + 1, hostile, field.name));
    const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    const some = fc
      .subarray(
        usable.map((field) => field.name),
        { maxLength: Math.min(usable.length, hostile ? 4 : 2) },
      )
      .chain((names) =>
        fc.record(
          Object.fromEntries([...new Set([...required, ...names])].filter((name) => model[name]).map((name) => [name, model[name]!])),
        ),
      );
    proper = hostile ? fc.oneof({ weight: 8, arbitrary: some }, { weight: 1, arbitrary: fc.record({ nosuchfield: strings }) }) : some;
  }
  const value = hostile ? fc.oneof({ weight: 30, arbitrary: proper }, { weight: 1, arbitrary: wrongValues }) : proper;
  valueCache.set(key, value);
  return value;
}

/** A value as a GraphQL literal; anything unprintable as the type becomes a string or object literal. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const named = getNamedType(type);
  if (Array.isArray(value))
    return `[${value.map((item) => literal(item, isListType(type) ? type.ofType : isNonNullType(type) && isListType(type.ofType) ? type.ofType.ofType : type)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, item]) => `${key}: ${literal(item, (fields[key]?.type ?? named) as GraphQLInputType)}`)
      .join(', ')} }`;
  }
  if (
    typeof value === 'string' &&
    isEnumType(named) &&
    /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) &&
    !['true', 'false', 'null'].includes(value)
  )
    return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

// --- documents ------------------------------------------------------------------------------

interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** Arguments of a field, each sometimes as a variable (declared in `declared`), else as a literal. */
function argumentsFor(
  args: readonly GraphQLArgument[],
  hostile: boolean,
  declared: string[] | null,
): fc.Arbitrary<{ text: string; variables: Record<string, unknown> }> {
  // A sane client pages forward from the start: no `last`, no cursors it did not get.
  const usable = hostile ? args : args.filter((arg) => !['last', 'after', 'before'].includes(arg.name));
  if (usable.length === 0) return fc.constant({ text: '', variables: {} });
  const parts = usable.map((arg) =>
    fc
      .tuple(fc.nat({ max: 2 }), fc.boolean(), inputValue(arg.type, 0, hostile, arg.name))
      .map(([give, asVariable, value]) => ({ arg, give: give === 0 || isNonNullType(arg.type), asVariable, value })),
  );
  return fc.tuple(...parts).map((chosen) => {
    const variables: Record<string, unknown> = {};
    const texts: string[] = [];
    for (const { arg, give, asVariable, value } of chosen) {
      if (!give) continue;
      if (declared && asVariable) {
        const name = `v${declared.length}`;
        declared.push(`$${name}: ${String(arg.type)}`);
        variables[name] = value;
        texts.push(`${arg.name}: $${name}`);
      } else {
        texts.push(`${arg.name}: ${literal(value, arg.type)}`);
      }
    }
    return { text: texts.length ? `(${texts.join(', ')})` : '', variables };
  });
}

function selectionFor(type: GraphQLNamedType, depth: number, hostile: boolean): fc.Arbitrary<string> {
  if (isLeafType(type)) return fc.constant('');
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    return fc
      .subarray([...possible], { minLength: 0, maxLength: Math.min(possible.length, 2) })
      .chain((types) =>
        fc
          .tuple(...types.map((member) => selectionFor(member, depth + 1, hostile)))
          .map((parts) => `{ __typename ${parts.map((part, index) => `... on ${types[index]!.name} ${part}`).join(' ')} }`),
      );
  }
  if (!isObjectType(type)) return fc.constant('');
  const fields = Object.values(type.getFields()).filter(
    (field) => depth < 3 || (isLeafType(getNamedType(field.type)) && field.args.length === 0),
  );
  if (fields.length === 0) return fc.constant('{ __typename }');
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(fields.length, depth === 0 ? 4 : 3) })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map((field) => fieldSelection(field, depth + 1, hostile, null)))
        .map((parts) => `{ ${parts.map((part) => part.text).join(' ')} }`),
    );
}

function fieldSelection(
  field: GraphQLField<unknown, unknown>,
  depth: number,
  hostile: boolean,
  declared: string[] | null,
): fc.Arbitrary<{ text: string; variables: Record<string, unknown> }> {
  return fc
    .tuple(argumentsFor(field.args, hostile, declared), selectionFor(getNamedType(field.type), depth, hostile))
    .map(([args, selection]) => ({ text: `${field.name}${args.text} ${selection}`, variables: args.variables }));
}

function rootOperation(kind: 'query' | 'mutation', hostile: boolean): fc.Arbitrary<Operation> {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return fc.constantFrom(...Object.values(root.getFields())).chain((field) => {
    const declared: string[] = [];
    return fieldSelection(field, 0, hostile, declared).map((selection) => ({
      query: `${kind} Fuzz${declared.length ? `(${declared.join(', ')})` : ''} { ${selection.text} }`,
      variables: selection.variables,
    }));
  });
}

function nestedNot(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = {};
  for (let level = 0; level < levels; level += 1) filter = { NOT: filter };
  return filter;
}

/** Documents that are not operations of the schema: noise, cut-off text, nesting within the limits' reach. */
const garbage: fc.Arbitrary<Operation> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }).map((query) => ({ query, variables: {} })),
  rootOperation('query', false).chain((operation) =>
    fc.nat({ max: operation.query.length }).map((cut) => ({ ...operation, query: operation.query.slice(0, cut) })),
  ),
  fc.integer({ min: 1, max: 600 }).map((levels) => ({
    query: `{ ${'partners { edges { node { allocations { edges { node { partner '.repeat(levels)} name ${'} } } } } } '.repeat(levels)}}`,
    variables: {},
  })),
  fc.integer({ min: 1, max: 3000 }).map((levels) => ({
    query: `{ partners(filter: ${'{ NOT: '.repeat(levels)}{}${' }'.repeat(levels)}) { totalCount } }`,
    variables: {},
  })),
  fc
    .integer({ min: 1, max: 3000 })
    .map((levels) => ({ query: `query ($f: PartnerFilter) { partners(filter: $f) { totalCount } }`, variables: { f: nestedNot(levels) } })),
  fc
    .integer({ min: 1, max: 3000 })
    .map((levels) => ({ query: `{ programs(first: ${'['.repeat(levels)}1${']'.repeat(levels)}) { totalCount } }`, variables: {} })),
  fc.integer({ min: 1, max: 40_000 }).map((count) => ({
    query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    variables: { ids: Array.from({ length: count }, (_, index) => `UGFydG5lcjo${index}`) },
  })),
  fc.integer({ min: 1, max: 200 }).map((first) => ({
    query: `query ($n: Int) { a: partners(first: $n) { edges { node { allocations(first: $n) { edges { node { citations(first: $n) { totalCount } } } } } } } }`,
    variables: { n: first },
  })),
  fc
    .constantFrom(
      '{ __schema { types { name } } }',
      '{ __type(name: "Partner") { name } }',
      'subscription { allocationChanged { operation } }',
      'query A { a: __typename } query B { b: __typename }',
    )
    .map((query) => ({ query, variables: {} })),
);

interface Request {
  operation: Operation;
  method: 'POST' | 'GET';
  withKey: boolean;
}

const requests: fc.Arbitrary<Request> = fc.record({
  operation: fc.oneof(
    { weight: 4, arbitrary: rootOperation('query', false) },
    { weight: 4, arbitrary: rootOperation('query', true) },
    { weight: 1, arbitrary: rootOperation('mutation', false) },
    { weight: 1, arbitrary: rootOperation('mutation', true) },
    { weight: 1, arbitrary: garbage },
  ),
  method: fc.constantFrom('POST', 'POST', 'GET'),
  withKey: fc.boolean(),
});

// --- the run --------------------------------------------------------------------------------

/** What no response may contain: stack frames, file paths, SQL or driver messages. */
const leaks = [
  /\bat [\w.<>$]+ \((?:file:\/\/|\/|node:)[^)]*:\d+:\d+\)/,
  /"stack"/,
  /(?:^|[\s"'(])\/(?:[\w.-]+\/)+[\w.-]+\.(?:ts|js|mjs|cjs)\b/,
  /node_modules/,
  /SQLITE|SqliteError|Failed query|sqlite3?_/i,
];

async function sendRequest(
  server: ServerProcess,
  key: string,
  { operation, method, withKey }: Request,
): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'x-graphql-yoga-csrf': '1', accept: 'application/graphql-response+json' };
  if (withKey) headers.authorization = `Bearer ${key}`;
  let response: Response;
  if (method === 'GET') {
    const url = new URL('/graphql', server.url);
    url.searchParams.set('query', operation.query);
    url.searchParams.set('variables', JSON.stringify(operation.variables));
    response = await send(url.href, undefined, { method: 'GET', headers, timeoutMs: 20_000 });
  } else {
    response = await send(`${server.url}/graphql`, operation, { headers, timeoutMs: 20_000 });
  }
  return { status: response.status, body: await response.text() };
}

/**
 * Production settings as they ship, and with the response cache off, where the direct lane
 * (src/server/direct-lane.ts) answers a query yoga has run once: there every operation is sent
 * twice, so that the repeats reach the lane, and both answers are held to the same rules.
 */
const settings: { name: string; env: Record<string, string>; sends: number; runs: number }[] = [
  { name: 'production settings', env: {}, sends: 1, runs },
  {
    name: 'production settings, response cache off, every operation twice',
    env: { RESPONSE_CACHE: 'false' },
    sends: 2,
    runs: Math.ceil(runs / 2),
  },
];

describe.each(settings)('fuzzing the API over a real port, $name', ({ env, sends, runs }) => {
  it(`answers ${runs} random operations (seed ${seed}) ${sends} time(s) each with no 5xx and no leak, and stays responsive`, {
    timeout: timeLimitMs + 90_000,
  }, async () => {
    const databasePath = join(folder.path, `fuzz-${sends}.db`);
    const server = await startServerProcess(databasePath, { NODE_ENV: 'production', LOG_REQUESTS: 'false', ...env });
    const { createApiKey } = await import('../src/auth/api-keys.js');
    const { openDatabase } = await import('../src/db/client.js');
    const db = openDatabase({ path: databasePath });
    const key = createApiKey(db, { name: 'fuzz', scopes: ['admin'] }).key;
    db.$client.close();

    let sent = 0;
    let answered = 0;
    const codes = new Map<string, number>();
    const unexpected: string[] = [];
    async function check(request: Parameters<typeof sendRequest>[2]): Promise<void> {
      sent += 1;
      let answer: { status: number; body: string };
      try {
        answer = await sendRequest(server, key, request);
      } catch (error) {
        throw new Error(`no answer (server exit code ${String(server.child.exitCode)}):\n${server.output().slice(-3_000)}`, {
          cause: error,
        });
      }
      const { status, body } = answer;
      const where = `${request.method} ${request.operation.query.slice(0, 300)} ${JSON.stringify(request.operation.variables).slice(0, 300)}`;
      expect(status, `${where}\n→ ${body.slice(0, 300)}`).toBeLessThan(500);
      for (const leak of leaks) expect(body, `${where}\n→ ${body.slice(0, 500)}`).not.toMatch(leak);
      if (body.includes('Unexpected error.')) unexpected.push(where);
      if (/"data":\{"[^"]+":[^n]/.test(body)) answered += 1;
      for (const [, code] of body.matchAll(/"code":"([A-Z_]+)"/g)) codes.set(code!, (codes.get(code!) ?? 0) + 1);
      if (process.env.FUZZ_DEBUG) console.info(status, where.slice(0, 200), '→', body.slice(0, 200));
    }

    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        for (let send = 0; send < sends; send += 1) await check(request);
      }),
      { seed, numRuns: runs, interruptAfterTimeLimit: timeLimitMs, endOnFailure: true },
    );

    const started = Date.now();
    const health = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(1_000) });
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.child.exitCode).toBeNull();
    expect(sent).toBeGreaterThan(30);
    // The generator must reach the resolvers, not only the parser and validation.
    expect(answered, `answered ${answered} of ${sent}; codes ${JSON.stringify([...codes])}`).toBeGreaterThan(sent / 10);
    if (process.env.FUZZ_DEBUG) console.info({ sent, answered, codes: Object.fromEntries(codes) });
    // Masked internal errors are bugs too, even when the client sees nothing it should not.
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  });
});
