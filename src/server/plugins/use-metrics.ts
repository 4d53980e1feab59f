// Prometheus metrics with bounded labels. The Guild's plugin labels every series with the
// request URL (GET query strings included) and the client's operation name: any client could
// add series without end and read what others asked. Here an operation is the SHA-256 of a
// shipped document (persisted-operations.json) or "other", a route is one of the GraphQL paths
// or "other", so the number of series is fixed by the manifest, not by clients.
//
// The series are those @graphql-yoga/plugin-prometheus 6.19.1 (over @envelop/prometheus 14.2.1)
// recorded here before, with the same names, help, labels, buckets, phases and timings (Date.now()
// from the same hooks; test/metrics-series.test.ts passes on both), recorded by one plugin of our
// own: the library made every request pay for its generality (two more nested plugins, handler
// lists filtered per phase and request, `Object.fromEntries` label filtering, spread parameter
// objects, `new URL` for the route, `getOperationAST` on every request), and this lean recording
// measured 0.1 ms of server CPU less per small request (`npx tsx bench/cpu-http.ts --only
// Node,Entities --peer-dir <checkout with the library>`, two runs: Node −0.03/−0.14 ms,
// Entities −0.17/−0.10 ms, of 1.3–1.8 ms).
import { getOperationAST, parse, print, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { Counter, Histogram, type Registry } from 'prom-client';

const routes = new Set(['/graphql', '/graphql/stream']);
const methods = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/** Labels every series carries. */
const operationLabels = ['operationType', 'operation'] as const;

interface OperationLabels {
  operationType: string;
  operation: string;
}

/** What a request's parse left for its later phases (the library's "fill labels params"). */
interface Parsed {
  document: DocumentNode;
  /** The envelop series' labels: the type of the document's first definition, as the library took it. */
  labels: OperationLabels;
}

/** The HTTP series' state of one request: when it arrived, its route, and its operation once parsed. */
interface HttpState {
  start: number;
  route: string;
  labels?: OperationLabels;
}

/** Labels of a request whose document did not parse (the library had neither type nor document). */
const unparsed: OperationLabels = { operationType: 'unknown', operation: 'none' };

/**
 * The series of one query the direct lane (../direct-lane.ts) answered, as yoga's hooks below
 * record them: made once per document and operation name, then called when its answer is ready
 * with the times (Date.now()) its execution and its HTTP request started.
 */
export type LaneRecorder = (executeStart: number, httpStart: number) => void;

export interface BoundedMetrics {
  /** Goes in yoga's plugin list. */
  plugin: Plugin;
  /** The recorder of a document the direct lane runs. */
  laneRecorder(document: DocumentNode, operationName: string | undefined): LaneRecorder;
}

export function useBoundedMetrics(options: { registry: Registry; manifest: Record<string, string>; endpoint: string }): BoundedMetrics {
  const { registry, endpoint } = options;
  const registers = [registry];
  const httpDuration = new Histogram({
    name: 'graphql_yoga_http_duration',
    help: 'Time spent on HTTP connection',
    labelNames: [...operationLabels, 'method', 'statusCode', 'route'],
    registers,
  });
  const requests = new Counter({
    name: 'graphql_envelop_request',
    help: 'Counts the amount of GraphQL requests executed through Envelop',
    labelNames: [...operationLabels],
    registers,
  });
  const requestDuration = new Histogram({
    name: 'graphql_envelop_request_duration',
    help: 'Time spent on running the GraphQL operation from parse to execute',
    labelNames: [...operationLabels],
    registers,
  });
  const executeDuration = new Histogram({
    name: 'graphql_envelop_phase_execute',
    help: 'Time spent on running the GraphQL "execute" function',
    labelNames: [...operationLabels],
    registers,
  });
  // Without the library's `path` label: an alias chosen by the client would become a series.
  const errors = new Counter({
    name: 'graphql_envelop_error_result',
    help: 'Counts the amount of errors reported from all phases',
    labelNames: [...operationLabels, 'phase'],
    registers,
  });
  const schemaChanges = new Counter({
    name: 'graphql_envelop_schema_change',
    help: 'Counts the amount of schema changes',
    labelNames: [],
    registers,
  });
  // The per-phase histograms, the quantile summary and the deprecated-field counter (a document
  // walk per request) cost CPU on every request and are not recorded.

  const hashes = new Map(Object.entries(options.manifest).map(([hash, document]) => [print(parse(document)), hash]));
  // yoga's parser cache hands out one DocumentNode per text, so each text is printed once, and
  // the labels of a document are made once (prom-client only reads them).
  const operationOf = new WeakMap<DocumentNode, string>();
  const operation = (document: DocumentNode): string => {
    let hash = operationOf.get(document);
    if (hash === undefined) operationOf.set(document, (hash = hashes.get(print(document)) ?? 'other'));
    return hash;
  };
  const labelsOf = new WeakMap<DocumentNode, Map<string | undefined, OperationLabels>>();
  const labels = (document: DocumentNode, type: string | undefined): OperationLabels => {
    let byType = labelsOf.get(document);
    if (!byType) labelsOf.set(document, (byType = new Map()));
    let known = byType.get(type);
    if (!known) byType.set(type, (known = { operationType: type ?? 'unknown', operation: operation(document) }));
    return known;
  };
  const phaseError = (of: OperationLabels, phase: string, count = 1) => errors.inc({ ...of, phase }, count);
  const countedSchemas = new WeakSet<object>();

  // Keyed by the GraphQL context (the envelop series: yoga's requests and websocket operations)
  // and by the HTTP request (the HTTP series), as the library did.
  const parsedByContext = new WeakMap<object, Parsed>();
  const httpByRequest = new WeakMap<Request, HttpState>();

  /** The end of an operation's execution or subscription, and the errors of each of its results. */
  const timing = (context: object) => {
    const parsed = parsedByContext.get(context);
    if (!parsed) return undefined;
    const start = Date.now();
    return {
      result(result: ExecutionResult) {
        // Every error of a result counts, subscription events' included, as phase "execute".
        if (result.errors?.length) phaseError(parsed.labels, 'execute', result.errors.length);
      },
      end(execute: boolean) {
        const seconds = (Date.now() - start) / 1000;
        if (execute) executeDuration.observe(parsed.labels, seconds);
        requestDuration.observe(parsed.labels, seconds);
        requests.inc(parsed.labels);
      },
      labels: parsed.labels,
    };
  };

  const laneRecorder = (document: DocumentNode, operationName: string | undefined): LaneRecorder => {
    const first = document.definitions[0];
    // The envelop series take the first definition's type, the HTTP series the operation's (onParse).
    const of = labels(document, first && 'operation' in first ? first.operation : undefined);
    const execute = executeDuration.labels(of);
    const request = requestDuration.labels(of);
    const count = requests.labels(of);
    const http = httpDuration.labels({
      ...labels(document, getOperationAST(document, operationName)?.operation),
      method: 'POST',
      statusCode: 200,
      route: '/graphql',
    });
    return (executeStart, httpStart) => {
      const now = Date.now();
      const seconds = (now - executeStart) / 1000;
      execute.observe(seconds);
      request.observe(seconds);
      count.inc();
      http.observe((now - httpStart) / 1000);
    };
  };

  const plugin: Plugin = {
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ context }) => phaseError(parsedByContext.get(context)?.labels ?? unparsed, 'context'));
    },
    onSchemaChange({ schema }) {
      if (countedSchemas.has(schema)) return;
      countedSchemas.add(schema);
      schemaChanges.inc();
    },
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === endpoint) {
        return registry.metrics().then((text) => {
          endResponse(new fetchAPI.Response(text, { headers: { 'Content-Type': registry.contentType } }));
        });
      }
      httpByRequest.set(request, { start: Date.now(), route: routes.has(url.pathname) ? url.pathname : 'other' });
      return undefined;
    },
    onParse({ context }) {
      return ({ result }) => {
        if (!result || result instanceof Error) {
          parsedByContext.delete(context);
          phaseError(unparsed, 'parse');
          return;
        }
        const document = result;
        const first = document.definitions[0];
        parsedByContext.set(context, { document, labels: labels(document, first && 'operation' in first ? first.operation : undefined) });
        const request = (context as { request?: Request }).request;
        const http = request && httpByRequest.get(request);
        if (http) {
          const name = (context as { params?: { operationName?: string | null } }).params?.operationName;
          http.labels = labels(document, getOperationAST(document, name)?.operation);
        }
      };
    },
    onValidate({ context }) {
      const parsed = parsedByContext.get(context);
      if (!parsed) return undefined;
      return ({ valid }) => {
        if (!valid) phaseError(parsed.labels, 'validate');
      };
    },
    onExecute({ args }) {
      const timed = timing(args.contextValue as object);
      if (!timed) return undefined;
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return { onNext: ({ result: next }) => timed.result(next), onEnd: () => timed.end(true) };
          timed.result(result);
          timed.end(true);
          return undefined;
        },
      };
    },
    onSubscribe({ args }) {
      const timed = timing(args.contextValue as object);
      if (!timed) return undefined;
      return {
        onSubscribeResult({ result }) {
          if (isAsyncIterable(result)) return { onNext: ({ result: next }) => timed.result(next), onEnd: () => timed.end(false) };
          timed.result(result);
          timed.end(false);
          return undefined;
        },
        // The library labelled a subscription that fails to start with no phase.
        onSubscribeError: () => phaseError(timed.labels, 'unknown'),
      };
    },
    onResponse({ request, response }) {
      const http = httpByRequest.get(request);
      if (!http?.labels) return;
      httpDuration.observe(
        {
          ...http.labels,
          method: methods.has(request.method) ? request.method : 'other',
          statusCode: response.status,
          route: http.route,
        },
        (Date.now() - http.start) / 1000,
      );
    },
  };
  return { plugin, laneRecorder };
}
