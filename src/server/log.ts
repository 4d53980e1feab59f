// Structured logs: one JSON object per line, on stdout (stderr for warnings and errors), so
// any log shipper can parse them. Nothing secret is ever passed in: no headers, no bodies. And
// nothing a client sent can make a line long or land in it through an error: every field is
// capped (strings cut with a marker, lists and nesting bounded, the whole line at MAX_LOG_LINE),
// and a failed statement is logged by its class, SQLite code and a fingerprint of its SQL text,
// never the text or its bound parameters (drizzle puts both into its error's message and stack).
import { createHash } from 'node:crypto';

type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The longest line written, in characters; a longer one is cut down to its first fields. */
export const MAX_LOG_LINE = 8192;
/** The longest string field kept whole. */
export const MAX_LOG_STRING = 1000;
const MAX_LOG_ITEMS = 20;
const MAX_LOG_DEPTH = 8;
const MAX_STACK_FRAMES = 12;

function truncate(text: string, limit = MAX_LOG_STRING): string {
  return text.length > limit ? `${text.slice(0, limit)}…[truncated ${text.length - limit} chars]` : text;
}

/** A copy of `value` with every string, list and nesting level bounded. */
export function capFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return truncate(withoutSql(value));
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (value instanceof Error) return describe(value);
  if (depth >= MAX_LOG_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOG_ITEMS).map((item) => capFields(item, depth + 1));
    if (value.length > MAX_LOG_ITEMS) items.push(`…[${value.length - MAX_LOG_ITEMS} more]`);
    return items;
  }
  const entries = Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries.slice(0, MAX_LOG_ITEMS)) out[truncate(key, 100)] = capFields(item, depth + 1);
  if (entries.length > MAX_LOG_ITEMS) out['…'] = `${entries.length - MAX_LOG_ITEMS} more fields`;
  return out;
}

/** One log line, at most MAX_LOG_LINE characters. */
export function formatLine(level: Level, message: string, fields: Record<string, unknown> = {}): string {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: truncate(message, 200), ...(capFields(fields) as object) });
  if (line.length <= MAX_LOG_LINE) return line;
  // Still too long (several long fields): keep the start of each of the first fields.
  const kept = Object.entries(fields).slice(0, MAX_LOG_ITEMS);
  const budget = Math.max(20, Math.floor((MAX_LOG_LINE - 300) / kept.length) - 40);
  const short = Object.fromEntries(
    kept.map(([key, item]) => {
      const capped = capFields(item);
      return [truncate(key, 100), truncate(typeof capped === 'string' ? capped : (JSON.stringify(capped) ?? 'null'), budget)];
    }),
  );
  const cut = JSON.stringify({ time: new Date().toISOString(), level, msg: truncate(message, 200), truncated: true, ...short });
  return cut.length <= MAX_LOG_LINE
    ? cut
    : JSON.stringify({ time: new Date().toISOString(), level, msg: truncate(message, 200), truncated: true });
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${formatLine(level, message, fields)}\n`);
}

export const jsonLogger: Logger = {
  debug: (message, fields) => write('debug', message, fields),
  info: (message, fields) => write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields),
};

/** The logger yoga calls: its arguments become a `details` field, errors described safely. */
export const yogaLogger = {
  debug: (...args: unknown[]) => void args,
  info: (...args: unknown[]) => jsonLogger.info('graphql', { details: args.map(describe) }),
  warn: (...args: unknown[]) => jsonLogger.warn('graphql', { details: args.map(describe) }),
  error: (...args: unknown[]) => jsonLogger.error('graphql', { details: args.map(describe) }),
};

/** drizzle's message for a failed statement: `Failed query: <sql>\nparams: <values>`. */
const failedQuery = /Failed query: ([\s\S]*?)\nparams: /;

function fingerprint(sql: string): string {
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

/** A message with drizzle's failed-statement text (SQL and parameters) replaced by its fingerprint. */
function withoutSql(text: string): string {
  const sql = failedQuery.exec(text)?.[1];
  return sql === undefined ? text : `${text.slice(0, text.indexOf('Failed query: '))}Failed query [sql ${fingerprint(sql)}]`;
}

/** Only the `at …` lines of a stack: its first line repeats the message, SQL and parameters included. */
function frames(stack: string | undefined): string[] | undefined {
  return stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => truncate(line.trim(), 300));
}

/**
 * An error as operators need it: class, code, message, stack frames, causes. A failed
 * statement's message becomes a fingerprint of its SQL (the same statement shape always gives
 * the same one), so nothing bound from client input is written.
 */
export function describe(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return typeof value === 'object' && value !== null ? truncate(String(value)) : capFields(value);
  const described: Record<string, unknown> = { name: value.name };
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'string') described.code = code;
  const sql = failedQuery.exec(value.message)?.[1];
  if (sql !== undefined) described.sqlFingerprint = fingerprint(sql);
  else described.message = truncate(value.message);
  // Operators see stack frames here; clients never do (see errors.ts).
  described.stack = frames(value.stack);
  const inner = (value as { originalError?: unknown }).originalError ?? value.cause;
  if (inner !== undefined && depth < 3) described.cause = describe(inner, depth + 1);
  return described;
}
