// Test helpers: real databases and the real schema, nothing mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'drizzle-orm/logger';
import { openDatabase, type Db } from '../src/db/client.js';
import { allocationStatuses, quantityBounds } from '../src/db/enums.js';
import { allocations, gpuModels, initiatives, partners, programs } from '../src/db/schema.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { createGraphQLServer, type Yoga } from '../src/server/yoga.js';
import { engineOptions } from './support/engine.js';
import type { RealServer } from './real-server.js';

/**
 * A migrated database seeded with Korea's dataset, the one most tests assert figures of (in
 * memory, or on a fresh sqld primary with TEST_ENGINE=libsql); `world: true` loads every bundled
 * programme as a start-up does.
 */
export function seededDatabase(options: { logger?: Logger; world?: boolean } = {}): Db {
  const { world, ...open } = options;
  const db = openDatabase({ path: ':memory:', ...engineOptions({ seeded: true }), ...open });
  seedDatabase(db, world ? {} : { only: ['korea-2025'] });
  return db;
}

/** A temporary folder removed by the returned cleanup function. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'ai-factory-graph-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Counts and keeps the SQL statements drizzle runs: the one statement counter of the suite. */
export class StatementLog implements Logger {
  readonly statements: string[] = [];

  logQuery(query: string): void {
    this.statements.push(query);
  }

  get count(): number {
    return this.statements.length;
  }

  /** Forgets what ran so far, so the next count is of what runs from here. */
  reset(): void {
    this.statements.length = 0;
  }

  /** The statements `work` runs, counted apart from what ran before. */
  async during(work: () => unknown): Promise<string[]> {
    this.reset();
    await work();
    return [...this.statements];
  }
}

/** Where a request goes: the schema in process (`yoga.fetch`), a real server, or a URL. */
export type Target = Yoga | RealServer | string;

export interface RequestOptions {
  headers?: Record<string, string>;
  /** An API key, sent as `Authorization: Bearer <key>`. */
  key?: string;
  /** The `Accept` header; GraphQL over HTTP's own media type unless given, none for null. */
  accept?: string | null;
  /** Gives up (the promise rejects) after this long; never unless given. */
  timeoutMs?: number;
}

/** A whole GraphQL request body, for what `query` and `variables` alone cannot say (APQ's `extensions`, no `query`). */
export interface GraphQLRequestBody {
  query?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** The path on a real server or yoga; `/graphql` unless given (a URL target is taken as it is). */
  path?: string;
  method?: string;
  /** Gives up (the promise rejects) after this long; never unless given. */
  timeoutMs?: number;
}

/**
 * One HTTP request to the target, its body sent as it is when a string (malformed JSON, too
 * large) and as JSON otherwise, with `content-type: application/json` (no body, as for a GET: no
 * content type); answers the Response itself, for tests of statuses, headers and raw bodies.
 * `graphql` is this plus GraphQL's headers and parsing.
 */
export async function send(target: Target, body: unknown, options: SendOptions = {}): Promise<Response> {
  const init = {
    method: options.method ?? 'POST',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  };
  const path = options.path ?? '/graphql';
  if (typeof target === 'string') return fetch(options.path === undefined ? target : new URL(path, target), init);
  if ('url' in target) return fetch(target.origin + path, init);
  return target.fetch(`http://localhost${path}`, init);
}

/** Posts one operation (or a whole request body), as an HTTP client would; the status and the parsed body. */
export async function graphql<T = Record<string, unknown>>(
  target: Target,
  query: string | GraphQLRequestBody,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const headers = {
    ...(options.accept === null ? {} : { accept: options.accept ?? 'application/graphql-response+json' }),
    ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    ...options.headers,
  };
  const response = await send(target, typeof query === 'string' ? { query, variables } : query, {
    headers,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
}

/** `graphql` through `yoga.fetch`: kept for the many tests written against it. */
export function execute<T = Record<string, unknown>>(
  yoga: Yoga,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  return graphql<T>(yoga, query, variables);
}

/** A yoga server over a fresh seeded database. */
export function seededServer(options: { logger?: Logger; world?: boolean } = {}): { db: Db; yoga: Yoga } {
  const db = seededDatabase(options);
  return { db, yoga: createGraphQLServer({ db, graphiql: false, logging: false }).yoga };
}

/** The SQLite message behind an error drizzle wrapped ("Failed query: …" with the driver error as cause). */
export function sqliteMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    let current: unknown = error;
    while (current instanceof Error && current.cause) current = current.cause;
    return current instanceof Error ? current.message : String(current);
  }
  throw new Error('expected the statement to fail, but it succeeded');
}

/** One of `items`, chosen by the random source `next`. */
export function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/**
 * Inserts `count` allocations spread at random (by `next`) over every programme and partner,
 * every GPU model and initiative or none, every bound and status, and two years of dates.
 */
export function insertRandomAllocations(db: Db, next: () => number, count: number): void {
  const ids = (rows: { id: number }[]) => rows.map((row) => row.id);
  const programIds = ids(db.select({ id: programs.id }).from(programs).all());
  const partnerIds = ids(db.select({ id: partners.id }).from(partners).all());
  const modelIds = [null, ...ids(db.select({ id: gpuModels.id }).from(gpuModels).all())];
  const initiativeIds = [null, ...ids(db.select({ id: initiatives.id }).from(initiatives).all())];
  for (let index = 0; index < count; index += 1) {
    db.insert(allocations)
      .values({
        programId: pick(next, programIds),
        partnerId: pick(next, partnerIds),
        gpuModelId: pick(next, modelIds),
        initiativeId: pick(next, initiativeIds),
        quantity: 1 + Math.floor(next() * 100_000),
        bound: pick(next, quantityBounds),
        status: pick(next, allocationStatuses),
        announcedOn: new Date(Date.UTC(2025, 0, 1 + Math.floor(next() * 700))).toISOString().slice(0, 10),
      })
      .run();
  }
}
