// What every command line tool runs against: its arguments, an environment and two output streams,
// so tests call a tool's `run` in process on real files, and the script itself only passes `process`'s.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a tool writes: `process.stdout`/`process.stderr`, or a test's collector. */
export interface CliOutput {
  write(text: string): unknown;
  /** True only on a terminal, where a progress bar may redraw itself. */
  isTTY?: boolean;
}

export interface CliContext {
  /** The environment `loadConfig` reads (DATABASE_PATH, DATABASE_URL…). */
  env: NodeJS.ProcessEnv;
  stdout: CliOutput;
  stderr: CliOutput;
}

/** A tool's entry: the arguments after the script name; resolves to the exit code. */
export type CliRun = (argv: string[], context?: CliContext) => number | Promise<number>;

export function processContext(): CliContext {
  return { env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** `console.log` for one stream: the values joined by spaces, then a newline. */
export function printer(output: CliOutput): (...values: unknown[]) => void {
  return (...values) => {
    output.write(`${values.map(String).join(' ')}\n`);
  };
}

/**
 * Runs `run` with the process's arguments and streams, and sets the exit code, when the module at
 * `moduleUrl` is the script node started (`tsx src/cli/x.ts`, `npm run …`), not when a test imports it.
 */
export async function runIfEntryPoint(moduleUrl: string, run: CliRun): Promise<void> {
  const script = process.argv[1];
  if (script === undefined) return;
  let started: string;
  try {
    started = realpathSync(script);
  } catch {
    return;
  }
  if (started !== realpathSync(fileURLToPath(moduleUrl))) return;
  process.exitCode = await run(process.argv.slice(2), processContext());
}
