// API keys: the `npm run apikey` command as an operator runs it (its `run`, in process, on real
// database files; test/cli.test.ts starts it once as a process), and the library the server calls.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiKeyError,
  apiKeyPattern,
  createApiKey,
  effectiveScopes,
  listApiKeys,
  normalizeScopes,
  parseAuthorization,
  revokeApiKey,
  verifyApiKey,
} from '../src/auth/api-keys.js';
import { run as apikeyCli } from '../src/cli/apikey.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { runCli } from './support/cli.js';

// Not helpers.ts' temporaryFolder: that module loads the GraphQL server, which key storage must not depend on.
const folder = { path: mkdtempSync(join(tmpdir(), 'ai-factory-graph-keys-')) };
afterAll(() => rmSync(folder.path, { recursive: true, force: true }));

function apikey(databasePath: string, ...args: string[]) {
  return runCli(apikeyCli, args, { DATABASE_PATH: databasePath });
}

/** Runs `create` and returns the key from the last line of its output. */
async function createWithCli(databasePath: string, name: string, scopes: string): Promise<{ key: string; stdout: string }> {
  const result = await apikey(databasePath, 'create', '--name', name, '--scopes', scopes);
  expect(result.status, result.output).toBe(0);
  const lines = result.stdout.trimEnd().split('\n');
  return { key: lines.at(-1) ?? '', stdout: result.stdout };
}

/** Thrown `ApiKeyError`'s code and message. */
function apiKeyFailure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiKeyError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an ApiKeyError, but the call succeeded');
}

describe('npm run apikey', () => {
  const databasePath = join(folder.path, 'keys', 'service.db');

  it('create prints a note, then the new key alone on the last line', async () => {
    const { key, stdout } = await createWithCli(databasePath, 'deploy bot', 'write');
    expect(key).toMatch(apiKeyPattern);
    expect(key).toHaveLength(47);
    const note = stdout.slice(0, stdout.lastIndexOf(key));
    expect(note).toContain('deploy bot');
    expect(note).toContain('shown once');
    expect(note).not.toContain(key.slice(12));
  });

  it('stores the hash of the key, never the key itself', async () => {
    const { key } = await createWithCli(databasePath, 'hash check', 'read');
    const db = openDatabase({ path: databasePath });
    const rows = db.$client.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];
    const row = rows.find((candidate) => candidate.name === 'hash check');
    expect(row?.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(row?.prefix).toBe(key.slice(0, 12));
    for (const candidate of rows) {
      for (const [column, value] of Object.entries(candidate)) {
        expect(String(value), `api_keys.${column}`).not.toContain(key.slice(12));
      }
    }
    db.$client.close();
    // Nor anywhere in the database files (free pages, the write-ahead log).
    for (const suffix of ['', '-wal']) {
      const file = `${databasePath}${suffix}`;
      if (existsSync(file)) expect(readFileSync(file).includes(key.slice(12)), file).toBe(false);
    }
  });

  it('list shows each key by prefix, never the key or its hash', async () => {
    const { key } = await createWithCli(databasePath, 'listed', 'read,admin');
    const result = await apikey(databasePath, 'list');
    expect(result.status, result.output).toBe(0);
    const line = result.stdout.split('\n').find((candidate) => candidate.includes('listed'));
    expect(line).toContain(key.slice(0, 12));
    expect(line).toContain('read admin');
    expect(result.output).not.toContain(key.slice(12));
    expect(result.output).not.toContain(createHash('sha256').update(key).digest('hex'));
  });

  it('a created key verifies until it is revoked by prefix; revoking again is an error', async () => {
    const { key } = await createWithCli(databasePath, 'to revoke', 'write');
    const db = openDatabase({ path: databasePath });
    expect(verifyApiKey(db, key)).toMatchObject({ ok: true, name: 'to revoke', scopes: new Set(['read', 'write']) });

    const revoked = await apikey(databasePath, 'revoke', key.slice(0, 12));
    expect(revoked.status, revoked.output).toBe(0);
    expect(revoked.stdout).toContain('Revoked API key');
    expect(revoked.stdout).toContain('to revoke');
    expect(verifyApiKey(db, key)).toEqual({ ok: false, reason: 'revoked' });

    const again = await apikey(databasePath, 'revoke', key.slice(0, 12));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already revoked at \d{4}-\d\d-\d\dT/);
    db.$client.close();
  });

  it('revokes by id, and refuses an unknown id with exit 1', async () => {
    await createWithCli(databasePath, 'by id', 'read');
    const db = openDatabase({ path: databasePath });
    const target = listApiKeys(db).find((summary) => summary.name === 'by id');
    db.$client.close();
    const revoked = await apikey(databasePath, 'revoke', String(target?.id));
    expect(revoked.status, revoked.output).toBe(0);
    expect(revoked.stdout).toContain(`API key ${target?.id} "by id"`);
    const unknown = await apikey(databasePath, 'revoke', '999999');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no API key');
  });

  it('treats bad scopes, a missing name or scopes, and no command as usage errors, without touching the database', async () => {
    const untouched = join(folder.path, 'untouched', 'service.db');
    const cases: [string[], string][] = [
      [['create', '--name', 'x', '--scopes', 'root'], 'unknown scope "root"'],
      [['create', '--name', 'x', '--scopes', 'read,WRITE'], 'unknown scope "WRITE"'],
      [['create', '--scopes', 'read'], 'needs --name'],
      [['create', '--name', '   ', '--scopes', 'read'], 'non-empty name'],
      [['create', '--name', 'x'], 'needs --scopes'],
      [['create', '--name', 'x', '--scopes', ','], 'at least one scope'],
      [['create', '--name', 'x', '--scopes', 'read', '--expires', 'never'], "Unknown option '--expires'"],
      [['revoke'], 'revoke needs'],
      [[], 'no command'],
      [['rotate'], 'unknown command "rotate"'],
    ];
    for (const [args, message] of cases) {
      const result = await apikey(untouched, ...args);
      expect(result.status, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toContain('usage:');
      expect(result.stdout).toBe('');
    }
    expect(existsSync(untouched)).toBe(false);
  });

  it('accepts repeated --scopes and stores them in canonical order', async () => {
    const { stdout } = await createWithCli(databasePath, 'repeated', 'admin');
    expect(stdout).toContain('Scopes: admin (grants read, write, admin)');
    const result = await apikey(databasePath, 'create', '--name', 'two flags', '--scopes', 'admin', '--scopes', 'read');
    expect(result.status, result.output).toBe(0);
    const db = openDatabase({ path: databasePath });
    expect(listApiKeys(db).find((summary) => summary.name === 'two flags')?.scopes).toEqual(['read', 'admin']);
    db.$client.close();
  });
});

describe('API key library', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase({ path: ':memory:' });
  });

  it('creates random keys of the documented shape, with scopes in canonical order', () => {
    const first = createApiKey(db, { name: '  ci  ', scopes: ['admin', 'read', 'admin'] });
    const second = createApiKey(db, { name: 'ci', scopes: ['read'] });
    expect(first.key).toMatch(apiKeyPattern);
    expect(first.key).not.toBe(second.key);
    expect(first.prefix).toBe(first.key.slice(0, 12));
    expect(first).toMatchObject({ name: 'ci', scopes: ['read', 'admin'] });
    expect(db.$client.prepare('SELECT scopes FROM api_keys WHERE id = ?').get(first.id)).toEqual({ scopes: 'read admin' });
  });

  it('refuses unknown or missing scopes and bad names', () => {
    expect(apiKeyFailure(() => normalizeScopes(['read', 'superuser']))).toMatchObject({ code: 'INVALID_SCOPES' });
    expect(apiKeyFailure(() => normalizeScopes(['READ'])).message).toContain('"READ"');
    expect(apiKeyFailure(() => normalizeScopes([]))).toMatchObject({ code: 'INVALID_SCOPES' });
    expect(apiKeyFailure(() => createApiKey(db, { name: ' ', scopes: ['read'] }))).toMatchObject({ code: 'INVALID_NAME' });
    expect(apiKeyFailure(() => createApiKey(db, { name: 'a\nb', scopes: ['read'] }))).toMatchObject({ code: 'INVALID_NAME' });
    expect(listApiKeys(db)).toEqual([]);
  });

  it('effective scopes: admin implies write and read, write implies read', () => {
    expect([...effectiveScopes('read')]).toEqual(['read']);
    expect([...effectiveScopes('write')]).toEqual(['read', 'write']);
    expect([...effectiveScopes('admin')]).toEqual(['read', 'write', 'admin']);
    expect([...effectiveScopes('read admin')]).toEqual(['read', 'write', 'admin']);
    expect([...effectiveScopes(['write'])]).toEqual(['read', 'write']);
    expect([...effectiveScopes('root')]).toEqual([]);
  });

  it('verifies a key with its effective scopes; unknown, altered and malformed keys are unknown', () => {
    const reader = createApiKey(db, { name: 'reader', scopes: ['read'] });
    const admin = createApiKey(db, { name: 'admin', scopes: ['admin'] });
    expect(verifyApiKey(db, reader.key)).toEqual({ ok: true, id: reader.id, name: 'reader', scopes: new Set(['read']) });
    expect(verifyApiKey(db, admin.key)).toEqual({
      ok: true,
      id: admin.id,
      name: 'admin',
      scopes: new Set(['read', 'write', 'admin']),
    });
    const altered = `${reader.key.slice(0, -1)}${reader.key.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [altered, `afg_${'A'.repeat(43)}`, reader.key.slice(0, 12), `${reader.key} `, '', 'garbage']) {
      expect(verifyApiKey(db, key), JSON.stringify(key)).toEqual({ ok: false, reason: 'unknown' });
    }
  });

  it('verification is one indexed lookup, and writes lastUsedAt at most once a minute', () => {
    const queries: string[] = [];
    const logged = openDatabase({ path: ':memory:', logger: { logQuery: (query) => void queries.push(query) } });
    const created = createApiKey(logged, { name: 'busy', scopes: ['write'] });
    const row = () =>
      logged.$client.prepare('SELECT last_used_at, updated_at, version FROM api_keys WHERE id = ?').get(created.id) as {
        last_used_at: string | null;
        updated_at: string;
        version: number;
      };
    const before = row();
    const start = new Date('2030-01-01T00:00:00.000Z');

    verifyApiKey(logged, created.key, { now: start });
    expect(row()).toEqual({ ...before, last_used_at: '2030-01-01T00:00:00.000Z' });

    queries.length = 0;
    verifyApiKey(logged, created.key, { now: new Date(start.getTime() + 59_000) });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^select /);
    const plan = logged.$client.prepare(`EXPLAIN QUERY PLAN ${queries[0]}`).all('x') as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual(['SEARCH api_keys USING INDEX api_keys_key_hash_unique (key_hash=?)']);
    expect(row().last_used_at).toBe('2030-01-01T00:00:00.000Z');

    verifyApiKey(logged, created.key, { now: new Date(start.getTime() + 61_000) });
    expect(row()).toEqual({ ...before, last_used_at: '2030-01-01T00:01:01.000Z' });
    logged.$client.close();
  });

  it('revokes by id or prefix; a revoked key is refused; revoking twice says when it was revoked', () => {
    const first = createApiKey(db, { name: 'first', scopes: ['read'] });
    const second = createApiKey(db, { name: 'second', scopes: ['write'] });

    const byId = revokeApiKey(db, first.id, { now: new Date('2030-02-03T04:05:06.789Z') });
    expect(byId).toMatchObject({ id: first.id, name: 'first', prefix: first.prefix, revokedAt: '2030-02-03T04:05:06.789Z' });
    expect(verifyApiKey(db, first.key)).toEqual({ ok: false, reason: 'revoked' });
    expect(verifyApiKey(db, second.key).ok).toBe(true);

    expect(revokeApiKey(db, second.prefix)).toMatchObject({ id: second.id, name: 'second' });
    expect(verifyApiKey(db, second.key)).toEqual({ ok: false, reason: 'revoked' });

    expect(apiKeyFailure(() => revokeApiKey(db, String(first.id)))).toEqual({
      code: 'ALREADY_REVOKED',
      message: `API key ${first.id} (${first.prefix}) was already revoked at 2030-02-03T04:05:06.789Z`,
    });
    expect(db.$client.prepare('SELECT version FROM api_keys WHERE id = ?').get(first.id)).toEqual({ version: 2 });
  });

  it('refuses to revoke an unknown key, and never echoes a whole key back', () => {
    const created = createApiKey(db, { name: 'kept', scopes: ['read'] });
    expect(apiKeyFailure(() => revokeApiKey(db, 42))).toMatchObject({ code: 'NOT_FOUND' });
    expect(apiKeyFailure(() => revokeApiKey(db, 'afg_zzzzzzzz'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(apiKeyFailure(() => revokeApiKey(db, 'drop table'))).toMatchObject({ code: 'NOT_FOUND' });
    const whole = apiKeyFailure(() => revokeApiKey(db, created.key));
    expect(whole.code).toBe('NOT_FOUND');
    expect(whole.message).not.toContain(created.key.slice(12));
    expect(verifyApiKey(db, created.key).ok).toBe(true);
  });

  it('lists every key without its key or hash', () => {
    const created = createApiKey(db, { name: 'listed', scopes: ['write', 'read'] });
    revokeApiKey(db, created.id);
    const [summary, ...rest] = listApiKeys(db);
    expect(rest).toEqual([]);
    expect(Object.keys(summary ?? {}).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'scopes']);
    expect(summary).toMatchObject({ id: created.id, name: 'listed', prefix: created.prefix, scopes: ['read', 'write'] });
    expect(summary?.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('parses the Authorization header', () => {
    expect(parseAuthorization(null)).toEqual({ kind: 'none' });
    expect(parseAuthorization(undefined)).toEqual({ kind: 'none' });
    expect(parseAuthorization('Bearer x')).toEqual({ kind: 'bearer', key: 'x' });
    expect(parseAuthorization('bearer x')).toEqual({ kind: 'bearer', key: 'x' });
    expect(parseAuthorization('BEARER afg_a-b_c')).toEqual({ kind: 'bearer', key: 'afg_a-b_c' });
    expect(parseAuthorization('Basic x')).toEqual({ kind: 'malformed' });
    expect(parseAuthorization('Bearer')).toEqual({ kind: 'malformed' });
    expect(parseAuthorization('Bearer ')).toEqual({ kind: 'malformed' });
    expect(parseAuthorization('Bearer a b')).toEqual({ kind: 'malformed' });
    expect(parseAuthorization('Bearerx')).toEqual({ kind: 'malformed' });
    expect(parseAuthorization('')).toEqual({ kind: 'malformed' });
  });
});
