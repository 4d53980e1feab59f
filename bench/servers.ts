// The bench's server processes, shared by bench/run.ts and bench/cpu-http.ts: how one starts
// (`node --import tsx …`, ready once it prints its address), the environment the service runs
// with, and a process's CPU time from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Every server process started and not yet stopped: the caller kills them when it exits. */
export const children = new Set<ChildProcess>();

/**
 * Starts `node [nodeArgs] --import tsx ...args` in the repository and resolves once it prints
 * "serving http://…/graphql", with the port it printed.
 */
export async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  { node = process.execPath, nodeArgs = [] }: { node?: string; nodeArgs?: string[] } = {},
): Promise<Server> {
  const child = spawn(node, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Generous: a run's servers start at once, so on a busy two-core machine each start is slower.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const match = /serving http:\/\/[^:/]+:(\d+)\/graphql/.exec(output);
    if (match) return { name, child, url: `http://127.0.0.1:${match[1]}/graphql`, output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The service's environment in the bench: as in production, no response cache, no logs, no seeding. */
export function serviceEnvironment(databasePath: string): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    NODE_ENV: 'production',
    SEED_ON_START: 'false',
    LOG_REQUESTS: 'false',
    RESPONSE_CACHE: 'false',
    LOG_SQL: 'false',
  };
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux everywhere). */
export const clockTicks = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/**
 * CPU time of one process so far (user + system of all its threads), in ms, from /proc/PID/stat;
 * with `withReaped`, that of its exited and reaped children too. Throws where /proc is missing.
 */
export function processCpuMs(pid: number, withReaped = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ": utime, stime, cutime and cstime are fields 14 to 17 (1-based, proc(5)).
  const reaped = withReaped ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((Number(fields[11]) + Number(fields[12]) + reaped) * 1000) / clockTicks;
}
