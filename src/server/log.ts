// Structured logs: one JSON object per line, on stdout (stderr for warnings and errors), so
// any log shipper can parse them. Nothing secret is ever passed in: no headers, no bodies.
type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const jsonLogger: Logger = {
  debug: (message, fields) => write('debug', message, fields),
  info: (message, fields) => write('info', message, fields),
  warn: (message, fields) => write('warn', message, fields),
  error: (message, fields) => write('error', message, fields),
};

/** The logger yoga calls: its arguments become a `details` field, errors without stacks. */
export const yogaLogger = {
  debug: (...args: unknown[]) => void args,
  info: (...args: unknown[]) => jsonLogger.info('graphql', { details: args.map(describe) }),
  warn: (...args: unknown[]) => jsonLogger.warn('graphql', { details: args.map(describe) }),
  error: (...args: unknown[]) => jsonLogger.error('graphql', { details: args.map(describe) }),
};

function describe(value: unknown): unknown {
  // Operators see stacks here; clients never do (see errors.ts).
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return typeof value === 'object' ? String(value) : value;
}
