// Prometheus metrics with bounded labels. The plugin's defaults label every series with the
// request URL (GET query strings included) and the client's operation name: any client could
// add series without end and read what others asked. Here an operation is the SHA-256 of a
// shipped document (persisted-operations.json) or "other", a route is one of the GraphQL paths
// or "other", so the number of series is fixed by the manifest, not by clients.
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { parse, print, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

const routes = new Set(['/graphql', '/graphql/stream']);
const methods = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/** Labels every series carries. */
const operationLabels = ['operationType', 'operation'] as const;

export function useBoundedMetrics(options: { registry: Registry; manifest: Record<string, string>; endpoint: string }): Plugin {
  const { registry } = options;
  const hashes = new Map(Object.entries(options.manifest).map(([hash, document]) => [print(parse(document)), hash]));
  // yoga's parser cache hands out one DocumentNode per text, so each text is printed once.
  const labelled = new WeakMap<DocumentNode, string>();
  const operation = (document: unknown): string => {
    if (!document || typeof document !== 'object' || !('kind' in document)) return 'none';
    let hash = labelled.get(document as DocumentNode);
    if (hash === undefined) {
      hash = hashes.get(print(document as DocumentNode)) ?? 'other';
      labelled.set(document as DocumentNode, hash);
    }
    return hash;
  };
  const operationType = (value: unknown) => (typeof value === 'string' ? value : 'unknown');
  type Params = { document?: unknown; operationType?: unknown; errorPhase?: unknown };
  // A request fills the labels of four or five series: they are made once per document and
  // operation type (prom-client only reads them), not once per series and request.
  const labelsOf = new WeakMap<object, { operationType: string; operation: string }>();
  const labels = (params: Params) => {
    const type = operationType(params.operationType);
    const document = params.document;
    if (!document || typeof document !== 'object') return { operationType: type, operation: operation(document) };
    let known = labelsOf.get(document);
    if (known?.operationType !== type) labelsOf.set(document, (known = { operationType: type, operation: operation(document) }));
    return known;
  };

  return usePrometheus({
    endpoint: options.endpoint,
    registry,
    // The per-phase histograms, the quantile summary and the deprecated-field counter (a
    // document walk per request) cost CPU on every request and are left off.
    metrics: {
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP connection',
          labelNames: [...operationLabels, 'method', 'statusCode', 'route'],
        },
        fillLabelsFn: (params: Params, context: { request: Request; response: Response }) => ({
          ...labels(params),
          method: methods.has(context.request.method) ? context.request.method : 'other',
          statusCode: context.response.status,
          route: routeOf(context.request.url),
        }),
      }),
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'Counts the amount of GraphQL requests executed through Envelop',
          labelNames: [...operationLabels],
        },
        fillLabelsFn: labels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time spent on running the GraphQL operation from parse to execute',
          labelNames: [...operationLabels],
        },
        fillLabelsFn: labels,
      }),
      graphql_envelop_phase_execute: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_phase_execute',
          help: 'Time spent on running the GraphQL "execute" function',
          labelNames: [...operationLabels],
        },
        fillLabelsFn: labels,
      }),
      // Without the plugin's `path` label: an alias chosen by the client would become a series.
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Counts the amount of errors reported from all phases',
          labelNames: [...operationLabels, 'phase'],
        },
        fillLabelsFn: (params: Params) => ({
          ...labels(params),
          phase: typeof params.errorPhase === 'string' ? params.errorPhase : 'unknown',
        }),
      }),
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
    },
  }) as Plugin;
}

function routeOf(url: string): string {
  const path = new URL(url, 'http://localhost').pathname;
  return routes.has(path) ? path : 'other';
}
