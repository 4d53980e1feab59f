// The command line tools called in process (their exported `run`), on real files: what a child
// process would print and exit with, without the second or two each `npm run` spends starting tsx.
import type { CliContext } from '../../src/cli/io.js';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout, then stderr, as the spawned tests read them. */
  output: string;
}

/**
 * Runs `run` with `argv` and `env` (DATABASE_PATH…, on top of nothing: no ambient configuration);
 * the result at once for a synchronous tool, a promise of it for an asynchronous one.
 */
export function runCli<Status extends number | Promise<number>>(
  run: (argv: string[], context: CliContext) => Status,
  argv: string[],
  env: Record<string, string> = {},
): Status extends number ? CliResult : Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    env: { ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  const result = (code: number): CliResult => ({ status: code, stdout, stderr, output: `${stdout}${stderr}` });
  return (typeof status === 'number' ? result(status) : status.then(result)) as Status extends number ? CliResult : Promise<CliResult>;
}
