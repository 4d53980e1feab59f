// API keys: creation, listing, revocation and per-request verification. The key itself exists only
// in the caller's hands; the database keeps its SHA-256 and a short prefix for listings.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeyScopes, type ApiKeyScope } from '../db/enums.js';
import { apiKeys } from '../db/schema.js';

export type { ApiKeyScope } from '../db/enums.js';

/** `afg_` followed by 43 base64url characters: 32 random bytes without padding. */
export const apiKeyPattern = /^afg_[A-Za-z0-9_-]{43}$/;
/** The first characters of a key, kept in the clear so people can tell their keys apart. */
export const apiKeyPrefixLength = 12;
const prefixPattern = /^afg_[A-Za-z0-9_-]{8}$/;
const nameMaxLength = 100;
/** `lastUsedAt` is refreshed at most this often per key, so a read request rarely writes. */
export const lastUsedResolutionMs = 60_000;

/**
 * What each stored scope grants: `admin` implies `write` and `read`; `write` implies `read`.
 * Keys store only the scopes they were given; request checks use `effectiveScopes`.
 */
const impliedScopes: Record<ApiKeyScope, readonly ApiKeyScope[]> = {
  read: ['read'],
  write: ['write', 'read'],
  admin: ['admin', 'write', 'read'],
};

export type ApiKeyErrorCode = 'INVALID_NAME' | 'INVALID_SCOPES' | 'NOT_FOUND' | 'AMBIGUOUS_PREFIX' | 'ALREADY_REVOKED';

/** A problem the caller caused (bad input, unknown or already revoked key); the message is safe to show. */
export class ApiKeyError extends Error {
  constructor(
    readonly code: ApiKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyError';
  }
}

export interface CreatedApiKey {
  id: number;
  name: string;
  /** The whole key: returned once, never stored. */
  key: string;
  prefix: string;
  scopes: ApiKeyScope[];
}

/** What listings and revocations show about a key; never the key or its hash. */
export interface ApiKeySummary {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export type AuthorizationHeader = { kind: 'none' } | { kind: 'bearer'; key: string } | { kind: 'malformed' };

export type ApiKeyVerification =
  | { ok: true; id: number; name: string; scopes: ReadonlySet<ApiKeyScope> }
  | { ok: false; reason: 'unknown' | 'revoked' };

/**
 * Validates a list of scopes and returns it deduplicated in canonical order (`read write admin`),
 * the form the `api_keys.scopes` CHECK accepts. Throws `ApiKeyError` (INVALID_SCOPES) for an
 * unknown scope or an empty list.
 */
export function normalizeScopes(values: readonly string[]): ApiKeyScope[] {
  const unknown = values.filter((value) => !(apiKeyScopes as readonly string[]).includes(value));
  if (unknown.length > 0) {
    throw new ApiKeyError(
      'INVALID_SCOPES',
      `unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((value) => JSON.stringify(value)).join(', ')}; allowed: ${apiKeyScopes.join(', ')}`,
    );
  }
  const scopes = apiKeyScopes.filter((scope) => values.includes(scope));
  if (scopes.length === 0) throw new ApiKeyError('INVALID_SCOPES', `at least one scope is required: ${apiKeyScopes.join(', ')}`);
  return scopes;
}

/**
 * The scopes a key actually has, implications included (see `impliedScopes`). Accepts the stored
 * space-separated form or a list; an unrecognised word grants nothing.
 */
export function effectiveScopes(stored: string | readonly string[]): ReadonlySet<ApiKeyScope> {
  const words = typeof stored === 'string' ? stored.split(' ') : stored;
  const granted = words.flatMap((word) => (Object.hasOwn(impliedScopes, word) ? impliedScopes[word as ApiKeyScope] : []));
  return new Set(apiKeyScopes.filter((scope) => granted.includes(scope)));
}

/**
 * The stored form of a key. A plain SHA-256 is enough: the key carries 256 random bits, so there is
 * nothing to brute-force and a slow KDF would only slow every request down.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key and returns it, the only time the whole key is available. */
export function createApiKey(db: Db, input: { name: string; scopes: readonly string[] }): CreatedApiKey {
  const name = normalizeApiKeyName(input.name);
  const scopes = normalizeScopes(input.scopes);
  const key = `afg_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, apiKeyPrefixLength);
  const row = db
    .insert(apiKeys)
    .values({ name, prefix, keyHash: hashApiKey(key), scopes: scopes.join(' ') })
    .returning({ id: apiKeys.id })
    .get();
  return { id: row.id, name, key, prefix, scopes };
}

/** Every key, oldest first, revoked ones included. */
export function listApiKeys(db: Db): ApiKeySummary[] {
  return db.select(summaryColumns).from(apiKeys).orderBy(asc(apiKeys.id)).all().map(toSummary);
}

/**
 * Revokes the key with this id (digits) or prefix (`afg_` and 8 characters) and returns it as it
 * is now. Throws `ApiKeyError` when no key matches (NOT_FOUND), when two keys share the prefix
 * (AMBIGUOUS_PREFIX) or when the key was already revoked (ALREADY_REVOKED, with the time).
 */
export function revokeApiKey(db: Db, idOrPrefix: string | number, options: { now?: Date } = {}): ApiKeySummary {
  const target = String(idOrPrefix).trim();
  let where;
  if (/^\d+$/.test(target)) where = eq(apiKeys.id, Number(target));
  else if (prefixPattern.test(target)) where = eq(apiKeys.prefix, target);
  else if (apiKeyPattern.test(target)) {
    // Not echoed: the argument is a whole key, and error messages end up in logs.
    throw new ApiKeyError('NOT_FOUND', `that is a whole key; pass its id or its first ${apiKeyPrefixLength} characters (its prefix)`);
  } else {
    throw new ApiKeyError('NOT_FOUND', `${JSON.stringify(target)} is neither a key id nor a key prefix (afg_ and 8 characters)`);
  }

  const now = (options.now ?? new Date()).toISOString();
  // IMMEDIATE takes the write lock before the check, so two revocations cannot both succeed.
  return db.transaction(
    (tx) => {
      const matches = tx.select(summaryColumns).from(apiKeys).where(where).limit(2).all();
      const [row] = matches;
      if (!row) throw new ApiKeyError('NOT_FOUND', `no API key with id or prefix ${target}`);
      if (matches.length > 1) {
        throw new ApiKeyError('AMBIGUOUS_PREFIX', `more than one API key has the prefix ${target}; revoke by id instead`);
      }
      if (row.revokedAt !== null) {
        throw new ApiKeyError('ALREADY_REVOKED', `API key ${row.id} (${row.prefix}) was already revoked at ${row.revokedAt}`);
      }
      tx.update(apiKeys)
        .set({ revokedAt: now, updatedAt: now, version: sql`${apiKeys.version} + 1` })
        .where(eq(apiKeys.id, row.id))
        .run();
      return toSummary({ ...row, revokedAt: now });
    },
    { behavior: 'immediate' },
  );
}

/**
 * Reads an `Authorization` header value: absent → `none`; `Bearer <token>` (scheme in any case,
 * exactly one token68) → `bearer`; anything else, an empty value included → `malformed`.
 */
export function parseAuthorization(headerValue: string | null | undefined): AuthorizationHeader {
  if (headerValue === null || headerValue === undefined) return { kind: 'none' };
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(headerValue.trim());
  return match?.[1] ? { kind: 'bearer', key: match[1] } : { kind: 'malformed' };
}

/**
 * Looks a presented key up by its hash: one indexed lookup on `api_keys_key_hash_unique`. The
 * comparison happens on the hash inside SQLite, so its timing tells an attacker nothing about the key.
 *
 * On success it records `lastUsedAt`, but only when the stored value is older than
 * `lastUsedResolutionMs`: an exact time is not worth turning every read request into a write
 * that takes SQLite's single write lock. This bookkeeping leaves `updatedAt` and `version` alone,
 * since using a key does not change it.
 */
export function verifyApiKey(db: Db, key: string, options: { now?: Date } = {}): ApiKeyVerification {
  if (!apiKeyPattern.test(key)) return { ok: false, reason: 'unknown' };
  const row = lookupStatement(db).get({ keyHash: hashApiKey(key) });
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt !== null) return { ok: false, reason: 'revoked' };

  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - lastUsedResolutionMs).toISOString();
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    try {
      // The WHERE repeats the check so concurrent requests for one key write once.
      db.update(apiKeys)
        .set({ lastUsedAt: now.toISOString() })
        .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))))
        .run();
    } catch {
      // Best effort: a busy or read-only database must not turn a valid key into a failed request.
    }
  }
  return { ok: true, id: row.id, name: row.name, scopes: effectiveScopes(row.scopes) };
}

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

function toSummary(row: Omit<ApiKeySummary, 'scopes'> & { scopes: string }): ApiKeySummary {
  return { ...row, scopes: apiKeyScopes.filter((scope) => row.scopes.split(' ').includes(scope)) };
}

/** The name trimmed; throws `ApiKeyError` (INVALID_NAME) when empty, over 100 characters or holding control characters. */
export function normalizeApiKeyName(input: string): string {
  const name = input.trim();
  if (name.length === 0) throw new ApiKeyError('INVALID_NAME', 'a key needs a non-empty name');
  if (name.length > nameMaxLength) throw new ApiKeyError('INVALID_NAME', `a key name has at most ${nameMaxLength} characters`);
  // Names are printed in listings; a control character could forge lines or escape sequences there.
  if (/\p{Cc}/u.test(name)) throw new ApiKeyError('INVALID_NAME', 'a key name cannot contain control characters');
  return name;
}

// verifyApiKey runs on every request, so its statement is prepared once per database.
const lookupStatements = new WeakMap<Db, ReturnType<typeof prepareLookup>>();

function prepareLookup(db: Db) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, sql.placeholder('keyHash')))
    .prepare();
}

function lookupStatement(db: Db): ReturnType<typeof prepareLookup> {
  let statement = lookupStatements.get(db);
  if (!statement) {
    statement = prepareLookup(db);
    lookupStatements.set(db, statement);
  }
  return statement;
}
