// The request budget: what one operation may ask of the process, checked on every transport
// (HTTP, yoga's SSE, graphql-sse and WebSocket all run through envelop's parse and
// execute/subscribe, where these hooks sit):
//   - the nesting of the document's text, before the recursive parser sees it;
//   - the nesting and size of the variables, before anything coerces them;
//   - the cost of the operation computed with its variables (graphql-query-complexity), where a
//     page costs its `first`/`last` (or the default page size) times what it selects and
//     `nodes(ids:)` / `_entities(representations:)` cost their length times what they select;
//   - the IDs and representations one request may name;
//   - a time budget for queries, after which no further resolver runs.
import type { Plugin } from 'graphql-yoga';
import {
  GraphQLError,
  getNamedType,
  getOperationAST,
  isIntrospectionType,
  isObjectType,
  Lexer,
  parse,
  Source,
  TokenKind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { defaultBudget, type RequestBudget } from '../../config.js';
import { DEFAULT_PAGE_SIZE } from '../../graphql/builder.js';

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * The deepest nesting of `{`, `[` and `(` in a document, counted with graphql's lexer (which
 * loops, where the parser recurses once per level and overflows the stack on a few thousand).
 * Stops at the first level past `limit`; undefined when the text does not lex, which the parser
 * then reports as the syntax error it is.
 */
function nestingPast(body: string, limit: number): boolean | undefined {
  const lexer = new Lexer(new Source(body));
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        depth += 1;
        if (depth > limit) return true;
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) {
        depth -= 1;
      }
    }
  } catch {
    return undefined;
  }
  return false;
}

/**
 * Verdicts of `nestingPast` for documents seen before: lexing the largest shipped document
 * takes about 0.1 ms, and clients send the same few texts again and again (yoga caches their
 * parsed form the same way). Small texts only, and a bounded number of them.
 */
const nestingVerdicts = new Map<string, boolean | undefined>();
function nestingPastCached(body: string, limit: number): boolean | undefined {
  if (body.length > 16_384) return nestingPast(body, limit);
  const key = `${limit}:${body}`;
  if (nestingVerdicts.has(key)) return nestingVerdicts.get(key);
  const verdict = nestingPast(body, limit);
  if (nestingVerdicts.size >= 1000) nestingVerdicts.delete(nestingVerdicts.keys().next().value!);
  nestingVerdicts.set(key, verdict);
  return verdict;
}

/**
 * What is wrong with the variables' shape, or undefined: walked with an explicit stack because
 * graphql's coercion and the filter translation recurse once per level.
 */
function inputProblem(variables: unknown, budget: RequestBudget): string | undefined {
  // Two parallel stacks rather than a [value, depth] pair per value: a request's variables are
  // walked on every request, and `_entities`' 50 representations made 150 pairs and arrays.
  const values: unknown[] = [variables];
  const depths: number[] = [0];
  let count = 0;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    count += 1;
    if (count > budget.maxInputValues + 1) {
      return `The variables hold more than ${budget.maxInputValues} values (MAX_INPUT_VALUES).`;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > budget.maxNesting) {
      return `The variables' nesting depth exceeds ${budget.maxNesting} levels (MAX_NESTING).`;
    }
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
    } else {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

/** Fields whose list argument is the length of their answer. */
const listArguments: Record<string, string> = { nodes: 'ids', _entities: 'representations' };

/**
 * The cost of `args`' operation with its variables, and the IDs it names; an error when the
 * variables do not coerce (execution then reports them as it always does).
 */
export function measure(args: ExecutionArgs): { cost: number; ids: number } | undefined {
  let ids = 0;
  const queryType = args.schema.getQueryType();
  // graphql-armor's measure, kept so the limit means what it meant: a scalar costs 1, an object
  // 2 plus what it selects, all times its page size (for a connection without `first`/`last`, its
  // default page, where graphql-armor counted 1). graphql-query-complexity computes that with the
  // request's variables and default argument values, where graphql-armor read literals only.
  const estimator: ComplexityEstimator = ({ field, args: values, childComplexity, node, type }) => {
    if (field.name === '__schema' || field.name === '__type') return 0;
    if (!node.selectionSet) return 1;
    let multiplier = 1;
    const listArgument = type === queryType ? listArguments[field.name] : undefined;
    if (listArgument) {
      const length = Array.isArray(values[listArgument]) ? (values[listArgument] as unknown[]).length : 1;
      ids += length;
      multiplier = length;
    } else if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
      const sizes = [values.first, values.last].filter((size): size is number => typeof size === 'number');
      const named = getNamedType(field.type);
      // Unpaged, a connection returns its default page.
      multiplier =
        sizes.length > 0 ? Math.max(1, ...sizes) : isObjectType(named) && named.name.endsWith('Connection') ? DEFAULT_PAGE_SIZE : 1;
    }
    return (2 + childComplexity) * multiplier;
  };
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  const cost = getComplexity({
    schema: args.schema,
    query: {
      ...args.document,
      definitions: args.document.definitions.filter((definition) => definition.kind !== 'OperationDefinition' || definition === operation),
    } as DocumentNode,
    variables: (args.variableValues ?? {}) as Record<string, unknown>,
    estimators: [estimator],
    // Node count is held by the token limit; this one is graphql-query-complexity's own guard.
    maxQueryNodes: Number.MAX_SAFE_INTEGER,
  });
  return { cost, ids };
}

/** Arguments whose value sets an operation's cost: page sizes, list lengths and @include/@skip's `if`. */
const costArguments = new Set(['first', 'last', 'ids', 'representations', 'if']);

/**
 * The names of the variables `document`'s cost can depend on: those used inside a cost argument's
 * value (any other variable is never read by the measure). Remembered per parsed document.
 */
const costVariables = new WeakMap<DocumentNode, string[]>();
function costVariablesOf(document: DocumentNode): string[] {
  let names = costVariables.get(document);
  if (names) return names;
  const found = new Set<string>();
  let depth = 0;
  visit(document, {
    Argument: {
      enter(node) {
        if (costArguments.has(node.name.value)) depth += 1;
      },
      leave(node) {
        if (costArguments.has(node.name.value)) depth -= 1;
      },
    },
    Variable(node) {
      if (depth > 0) found.add(node.name.value);
    },
  });
  names = [...found];
  costVariables.set(document, names);
  return names;
}

/**
 * Measures of documents seen before, per parsed document (yoga caches those per query text), by
 * operation name and the values of the variables the cost can depend on (a list's length only):
 * measuring walks the whole document with graphql's TypeInfo and coerces every argument, about a
 * tenth of a small request's CPU. A bounded number of keys per document.
 */
const measures = new WeakMap<DocumentNode, Map<string, { cost: number; ids: number }>>();
function measureKey(args: ExecutionArgs): string {
  const variables = (args.variableValues ?? {}) as Record<string, unknown>;
  let key = args.operationName ?? '';
  for (const name of costVariablesOf(args.document)) {
    const value = variables[name];
    key += `\u0000${Array.isArray(value) ? `#${value.length}` : value === undefined ? 'u' : JSON.stringify(value)}`;
  }
  return key;
}

/** The first budget an operation's shape, cost or IDs overrun, as the error to answer with. */
export function overrun(args: ExecutionArgs, budget: RequestBudget): GraphQLError | undefined {
  const problem = inputProblem(args.variableValues ?? {}, budget);
  if (problem) return refusal(problem, 'INPUT_TOO_LARGE');
  const key = measureKey(args);
  const known = measures.get(args.document)?.get(key);
  // A known measure within the budget answers at once; one over it is measured again, so that
  // variables that do not coerce are still reported by the executor rather than as a refusal.
  if (known && known.ids <= budget.maxIdsPerRequest && known.cost <= budget.maxCost) return undefined;
  let measured;
  try {
    measured = measure(args);
  } catch (error) {
    // Variables that do not coerce: the executor refuses them with its own coded errors.
    if (error instanceof GraphQLError) return undefined;
    // Anything else is a fault of the measure: the operation is refused, not let through unmeasured.
    return refusal('The cost of this operation could not be measured.', 'QUERY_TOO_COMPLEX');
  }
  if (!measured) return undefined;
  let perDocument = measures.get(args.document);
  if (!perDocument) measures.set(args.document, (perDocument = new Map()));
  if (perDocument.size >= 100) perDocument.delete(perDocument.keys().next().value!);
  perDocument.set(key, measured);
  if (measured.ids > budget.maxIdsPerRequest) {
    return refusal(
      `The request names ${measured.ids} IDs and representations; at most ${budget.maxIdsPerRequest} are allowed (MAX_IDS_PER_REQUEST).`,
      'TOO_MANY_IDS',
    );
  }
  if (measured.cost > budget.maxCost) {
    return refusal(
      `Query Cost limit of ${budget.maxCost} exceeded, found ${measured.cost}: ask for smaller pages or fewer nested lists (MAX_COST).`,
      'QUERY_TOO_COMPLEX',
    );
  }
  return undefined;
}

/**
 * The answer to an operation refused before it ran. `data: null` (the operation did start) also
 * keeps it a result for an unpatched graphql-sse 2.6.1, which took one without `data` for
 * execution arguments (patches/graphql-sse+2.6.1.patch).
 */
function refused(error: GraphQLError): ExecutionResult {
  return { data: null, errors: [error] };
}

/** Stand-in documents for texts nested too deep to parse, with the error to answer. */
const tooDeep = new WeakMap<DocumentNode, GraphQLError>();

/** A query's time budget, kept on its context for the resolvers' check. */
export interface Deadline {
  at: number;
  /** Made once the deadline has passed: most requests never need it. */
  error: GraphQLError | undefined;
  timeoutMs: number;
  passed: boolean;
}
const deadlineKey = Symbol('request deadline');

/** Starts a query's time budget on its context, where every wrapped resolver checks it. */
export function startDeadline(context: object, budget: RequestBudget): Deadline {
  const clock: Deadline = {
    at: performance.now() + budget.requestTimeoutMs,
    error: undefined,
    timeoutMs: budget.requestTimeoutMs,
    passed: false,
  };
  (context as { [deadlineKey]?: Deadline })[deadlineKey] = clock;
  return clock;
}

/**
 * Node requests (yoga's `req`) whose query the direct lane ran past its deadline: handed to yoga,
 * which answers REQUEST_TIMEOUT from its first resolver on.
 */
export const lapsedRequests = new WeakSet<object>();
const deadlineWrapped = Symbol('deadline check');

function timeoutError(clock: Deadline): GraphQLError {
  return (clock.error ??= refusal(
    `The request ran longer than ${clock.timeoutMs} ms and was cancelled; ask for less (REQUEST_TIMEOUT_MS).`,
    'REQUEST_TIMEOUT',
  ));
}

/**
 * Every resolver first checks its request's deadline, and fails once it has passed: execution
 * then stops creating work and the answer is REQUEST_TIMEOUT. A check per resolver because
 * better-sqlite3 is synchronous: no timer fires while a query runs, so an AbortSignal (yoga's
 * execution cancellation) is never aborted in time; and the executor, asked to stop through one,
 * leaves sibling fields' promises rejected with no handler (an unhandled rejection ends node).
 * Written by hand rather than with @envelop/on-resolve, which allocates a payload and three
 * closures per resolver call; this check allocates nothing. The
 * shared schema's resolvers are wrapped once for the process, marked so.
 */
function wrapResolversWithDeadline(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const marked = field as { [deadlineWrapped]?: true };
      if (marked[deadlineWrapped]) continue;
      marked[deadlineWrapped] = true;
      const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      // A field without a resolver reads a property of its parent: nothing there to stop. Nor does
      // one Pothos exposes (`t.exposeString('name')`: graphql's default resolver, under whatever
      // plugins wrap it), which loads nothing: most fields of a nested list's rows, and the check's
      // clock read skipped on each of them. Nor does an object's `id`, encoded from its row's key
      // (`readsParentOnly`, builder.ts): one per row of every list, 50 of them in `_entities`.
      const extensions = field.extensions as { pothosExposedField?: unknown; readsParentOnly?: unknown };
      if (!resolve || extensions.pothosExposedField !== undefined || extensions.readsParentOnly === true) continue;
      field.resolve = (root, args, context, info) => {
        const clock = (context as { [deadlineKey]?: Deadline })[deadlineKey];
        if (clock !== undefined && (clock.passed || performance.now() >= clock.at)) {
          clock.passed = true;
          throw timeoutError(clock);
        }
        return resolve(root, args, context, info);
      };
    }
  }
}

const deadlineCheck: Plugin = {
  onSchemaChange({ schema }) {
    if (schema) wrapResolversWithDeadline(schema as GraphQLSchema);
  },
};

export function useRequestBudget(budget: RequestBudget = defaultBudget): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      if (budget.requestTimeoutMs > 0) addPlugin(deadlineCheck);
    },
    onParse({ params, setParsedDocument }) {
      const body = typeof params.source === 'string' ? params.source : params.source.body;
      if (nestingPastCached(body, budget.maxNesting)) {
        // Not thrown here: graphql-sse answers an error thrown while parsing with a 500. The
        // document is replaced by a stand-in that validation then refuses, on every transport.
        const standIn = parse('{ __typename }');
        tooDeep.set(
          standIn,
          refusal(`The document's nesting depth exceeds ${budget.maxNesting} levels of brackets (MAX_NESTING).`, 'QUERY_TOO_COMPLEX'),
        );
        setParsedDocument(standIn);
      }
    },
    onValidate({ params, setResult }) {
      const error = tooDeep.get(params.documentAST);
      if (error) setResult([error]);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = overrun(args, budget);
      if (error) setResultAndStopExecution(refused(error));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const error = overrun(args, budget);
      if (error) {
        setResultAndStopExecution(refused(error));
        return undefined;
      }
      if (budget.requestTimeoutMs <= 0 || getOperationAST(args.document, args.operationName)?.operation !== 'query') return undefined;
      const context = args.contextValue as { [deadlineKey]?: Deadline; req?: object };
      const clock = startDeadline(context, budget);
      // A request the direct lane already ran out of time on (direct-lane.ts) is refused at its
      // first resolver rather than run for its whole budget again.
      if (context.req && lapsedRequests.has(context.req)) clock.at = Number.NEGATIVE_INFINITY;
      return {
        onExecuteDone({ result, setResult }) {
          // Whatever fields finished before the deadline, the answer is the timeout alone.
          if (clock.passed && !isAsyncIterable(result)) setResult(refused(timeoutError(clock)));
        },
      };
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
