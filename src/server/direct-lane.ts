// The direct lane: plain GraphQL queries over POST /graphql answered straight from node:http,
// without yoga's request pipeline, once yoga has validated their document.
//
// Why by hand: a small lookup (`node(id:)`, `_entities` for 50 references) spent about half its
// server CPU outside execution, in @whatwg-node/server's Fetch Request, Headers and Response
// objects, yoga's request parsing, accept negotiation and result processing, and envelop's hook
// chain with its promise helpers (profiled with `npx tsx bench/cpu-http.ts --only Node
// --service-args "--cpu-prof ..."`): what the mercurius + graphql-jit peer, serving the same
// schema and resolvers from fastify, does not pay. No yoga or envelop option skips those layers
// for one kind of request, so the lane does here what a cached plan needs and nothing else.
//
// What keeps its answers yoga's:
// - It answers only what it has been taught. Yoga answers the first request of every document;
//   the lane's plugin (last in yoga's list) sees it at execution, that is after parsing, the
//   document limits, the nesting limit, validation (introspection policy included) and the
//   persisted-operations check have passed, and keeps a plan for the text and operation name:
//   the same graphql-jit compilation use-jit.ts would run (with the compiled serializer where
//   jit.ts allows it) or graphql-tools' executor, yoga's own. Queries only; none whose root asks
//   for introspection or `_service`, whose answer depends on the key (use-service-for-gateways.ts).
// - It takes only requests whose answer yoga would not shape otherwise: POST to /graphql exactly,
//   `content-type: application/json`, no `Origin` (CORS headers stay yoga's), an Accept header of
//   a known form (`acceptedMedia`), a body of `query`, `variables` and `operationName` alone (no
//   `extensions`: persisted and APQ requests stay yoga's), a key that authenticates (or none where
//   reads are public), variables within the input budget and a cost within the request budget
//   (use-request-budget.ts's own `overrun`, with its cache of measures).
// - It answers only a result without errors: anything else (an error in a field, variables that
//   do not coerce, a thrown exception) is handed to yoga untouched, which runs the query again and
//   answers as it always has (masked, coded, with its status). A query that ran out of time is
//   handed over marked (`lapsedRequests`), and yoga refuses it at its first resolver instead of
//   running it for another whole budget.
// - Headers are yoga's for such an answer: content type by Accept, content length and
//   use-cache-control.ts's `cache-control`, with the request id http.ts gives every answer, all in
//   one writeHead, and compression as compressResponses would apply it (compression.ts
//   `writeWhole`). Metrics are recorded into the same series (use-metrics.ts's `laneRecorder`).
// It is off (createGraphQLServer) with the response cache (whose keys, ETags and stores live in
// yoga's pipeline), with PERSISTED_OPERATIONS_ONLY, and on the libSQL engine while its primary
// is unreachable (those answers carry the replica's freshness, use-replica-status.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { normalizedExecutor } from '@graphql-tools/executor';
import { getOperationAST, Kind, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { RequestBudget } from '../config.js';
import type { Auth, Context } from '../graphql/builder.js';
import { authenticate, type AuthPolicy } from './auth.js';
import type { Db } from '../db/client.js';
import { writeWhole } from './compression.js';
import { compilable, serializable } from './jit.js';
import { cacheControl } from './plugins/use-cache-control.js';
import type { LaneRecorder } from './plugins/use-metrics.js';
import { lapsedRequests, overrun, startDeadline } from './plugins/use-request-budget.js';

export interface DirectLaneOptions {
  db: Db;
  policy: AuthPolicy;
  budget: RequestBudget;
  /** The GraphQL context of a request with this identity, as yoga's context factory builds it. */
  context(auth: Auth): Context;
  /** Run documents jit.ts finds compilable with graphql-jit, as use-jit.ts does (the JIT setting). */
  jit: boolean;
  /** The metrics series of a document (absent without metrics). */
  recorder?: (document: DocumentNode, operationName: string | undefined) => LaneRecorder;
  /** False while answers must say something yoga adds (the replica's freshness); asked per request. */
  open?: () => boolean;
  /** Plans kept (least recently taught out first); `defaultMaxPlans` when absent. */
  maxPlans?: number;
}

export interface DirectLane {
  /**
   * Answers the request when it is a plain query the lane has a plan for, and resolves true; false
   * (nothing written) hands it to yoga. `body` is the parsed JSON body; `requestId` goes in the
   * answer's `x-request-id`.
   */
  serve(request: IncomingMessage, response: ServerResponse, body: object, requestId: string): boolean | Promise<boolean>;
  /** Goes last in yoga's plugin list: teaches the lane the documents yoga executes. */
  plugin: Plugin;
  /** How many plans the lane holds. */
  readonly size: number;
  /** How many requests the lane has answered since it started. */
  readonly answered: number;
}

interface Plan {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | undefined;
  run(context: Context, variables: Record<string, unknown> | undefined): ExecutionResult | Promise<ExecutionResult>;
  stringify(result: ExecutionResult): string;
  record: LaneRecorder | undefined;
}

/**
 * The content type yoga answers with for an Accept header, for the forms clients send (none,
 * curl's, fetch's, axios', Apollo Client's and Router's, graphql-request's); any other form is
 * yoga's to negotiate. Test/direct-lane.test.ts checks each against yoga's answer.
 */
const acceptedMedia = new Map<string | undefined, string>([
  [undefined, 'application/json; charset=utf-8'],
  ['*/*', 'application/json; charset=utf-8'],
  ['application/json', 'application/json; charset=utf-8'],
  ['application/json, text/plain, */*', 'application/json; charset=utf-8'],
  ['application/json, */*', 'application/json; charset=utf-8'],
  ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json, application/json', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
  ['application/graphql-response+json,application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
]);

const jsonTypes = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);
const rootFieldsLeftToYoga = new Set(['__schema', '__type', '_service']);

/**
 * Longer query texts are left to yoga: a plan's key holds the whole text, and yoga's own caches
 * bound how many texts are kept, not how long each is.
 */
const maxTextLength = 64 * 1024;

/** How many plans a lane keeps unless told otherwise. */
export const defaultMaxPlans = 1000;

const planKey = (query: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${query}`;

/** True when the operation's root selects only fields whose answers do not depend on who asks. */
function plainQuery(document: DocumentNode, operationName: string | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind !== Kind.FIELD || !rootFieldsLeftToYoga.has(selection.name.value),
  );
}

function makePlan(
  options: DirectLaneOptions,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): Plan | undefined {
  const record = options.recorder?.(document, operationName);
  if (options.jit && compilable(schema, document)) {
    const fast = serializable(schema, document);
    const compiled = compileQuery(schema, document, operationName, fast ? { customJSONSerializer: true } : {});
    if (!isCompiledQuery(compiled)) return undefined;
    return {
      schema,
      document,
      operationName,
      run: (context, variables) => compiled.query(undefined, context, variables) as ExecutionResult | Promise<ExecutionResult>,
      // The compiled serializer writes a result of `data` alone, which is all the lane answers.
      stringify: fast ? compiled.stringify : JSON.stringify,
      record,
    };
  }
  return {
    schema,
    document,
    operationName,
    run: (context, variables) =>
      normalizedExecutor({
        schema,
        document,
        contextValue: context,
        variableValues: variables,
        ...(operationName ? { operationName } : {}),
      }) as ExecutionResult | Promise<ExecutionResult>,
    stringify: JSON.stringify,
    record,
  };
}

export function createDirectLane(options: DirectLaneOptions): DirectLane {
  const plans = new Map<string, Plan>();
  const maxPlans = options.maxPlans ?? defaultMaxPlans;
  let answered = 0;

  const plugin: Plugin = {
    onExecute({ args }) {
      const params = (args.contextValue as { params?: { query?: unknown; operationName?: string | null; extensions?: unknown } }).params;
      if (!params || typeof params.query !== 'string' || params.query.length > maxTextLength || params.extensions !== undefined) return;
      const key = planKey(params.query, params.operationName);
      if (plans.has(key)) return;
      const operationName = params.operationName ?? undefined;
      if (!plainQuery(args.document, operationName)) return;
      const plan = makePlan(options, args.schema as GraphQLSchema, args.document, operationName);
      if (!plan) return;
      if (plans.size >= maxPlans) plans.delete(plans.keys().next().value!);
      plans.set(key, plan);
    },
  };

  function finish(
    plan: Plan,
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    media: string,
    result: ExecutionResult,
    clock: { passed: boolean } | undefined,
    started: { execute: number; http: number },
  ): boolean {
    if (clock?.passed) {
      lapsedRequests.add(request);
      return false;
    }
    if (result.errors !== undefined || result.data === undefined || result.data === null) return false;
    let text: string;
    try {
      text = plan.stringify(result);
    } catch {
      return false;
    }
    writeWhole(request, response, 200, { 'x-request-id': requestId, 'content-type': media, 'cache-control': cacheControl }, text);
    plan.record?.(started.execute, started.http);
    answered += 1;
    return true;
  }

  function serve(request: IncomingMessage, response: ServerResponse, body: object, requestId: string): boolean | Promise<boolean> {
    const httpStart = Date.now();
    if (request.method !== 'POST' || request.url !== '/graphql') return false;
    const headers = request.headers;
    if (headers.origin !== undefined || !jsonTypes.has(headers['content-type'] ?? '')) return false;
    const media = acceptedMedia.get(headers.accept);
    if (media === undefined) return false;
    // A key other than these three (`extensions`, say) is yoga's; checked without copying the rest.
    for (const key in body) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return false;
    const { query, variables, operationName } = body as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (typeof query !== 'string') return false;
    // (An empty name is no name to graphql's executor but keys like none here: yoga's to answer.)
    if (operationName !== undefined && operationName !== null && (typeof operationName !== 'string' || operationName === '')) return false;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return false;
    const plan = plans.get(planKey(query, operationName));
    if (!plan || (options.open && !options.open())) return false;
    let auth: Auth;
    try {
      auth = authenticate(options.db, headers.authorization ?? null, options.policy);
    } catch {
      // A refused key (yoga answers its 401), or a fault yoga answers masked.
      return false;
    }
    const variableValues = (variables ?? undefined) as Record<string, unknown> | undefined;
    const args = { schema: plan.schema, document: plan.document, variableValues, operationName: plan.operationName };
    if (overrun(args, options.budget)) return false;
    const context = options.context(auth);
    const clock = options.budget.requestTimeoutMs > 0 ? startDeadline(context, options.budget) : undefined;
    const started = { execute: Date.now(), http: httpStart };
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = plan.run(context, variableValues);
    } catch {
      return false;
    }
    if (result instanceof Promise)
      return result.then(
        (settled) => finish(plan, request, response, requestId, media, settled, clock, started),
        () => false,
      );
    return finish(plan, request, response, requestId, media, result, clock, started);
  }

  return {
    serve,
    plugin,
    get size() {
      return plans.size;
    },
    get answered() {
      return answered;
    },
  };
}
