// The real service as a child process (`node --import tsx src/main.ts`, as `npm start` runs it),
// for tests that need a separate process: kills, restarts, backups under load, logs, shutdown.
import { spawn, type ChildProcess } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const running = new Set<ChildProcess>();

export interface ServerProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 20,000 characters of stdout and stderr (or `keepOutput` characters). */
  output: () => string;
}

/**
 * Starts the service on a free port of 127.0.0.1 (node itself runs it, not npx/tsx, whose extra
 * process a signal would miss) and resolves once it prints its address (`serving` times: each
 * worker of WORKERS=n prints it) and /health answers.
 */
export async function startServerProcess(
  databasePath: string,
  env: Record<string, string> = {},
  { keepOutput = 20_000, serving = 1 }: { keepOutput?: number; serving?: number } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      NODE_ENV: 'test',
      SEED_ON_START: 'true',
      // Korea's dataset, the one these tests assert figures of.
      SEED_DATASETS: 'korea-2025',
      LOG_SQL: 'false',
      LOG_REQUESTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: string) => {
    output = (output + chunk).slice(-keepOutput);
  };
  child.stdout!.setEncoding('utf8').on('data', collect);
  child.stderr!.setEncoding('utf8').on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<string>((resolve, reject) => {
    // 30 s for each worker: a loaded machine starts them one after the other.
    const limitMs = serving * 30_000;
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${limitMs / 1000} s:\n${output}`)), limitMs);
    child.stdout!.on('data', () => {
      const lines = [...output.matchAll(/serving http:\/\/[^\s/]+:(\d+)\/graphql/g)];
      const match = lines.length >= serving ? lines[0] : undefined;
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before serving:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
  if (health.status !== 200) throw new Error(`/health answered ${health.status}:\n${output}`);
  return { child, url, exited, output: () => output };
}

/** Kills every server a test file started and left running (call it in afterAll). */
export function killServerProcesses(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}
