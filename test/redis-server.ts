// A real Redis (Debian's redis-server) for the tests of the Redis event bus: started on a free
// loopback port in a scratch folder, with no persistence, and stopped (or restarted on the same
// port, which is what a client reconnecting to "Redis coming back" needs).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { temporaryFolder } from './helpers.js';

export const redisBinary = '/usr/bin/redis-server';
/** Why the Redis tests skip, or undefined when they can run. */
export const redisMissing = existsSync(redisBinary) ? undefined : `${redisBinary} is not installed (apt-get install redis-server)`;

export interface RedisServer {
  url: string;
  port: number;
  /** Stops it (SIGKILL: no goodbye to clients, as a crash or a network cut looks). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  remove(): Promise<void>;
}

/** A port nobody listens on now (the kernel's choice for port 0, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  const folder = temporaryFolder();
  let port = await freePort();
  let child: ChildProcess | undefined;

  const launch = async (): Promise<boolean> => {
    const process_ = spawn(
      redisBinary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder.path, '--daemonize', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    process_.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    process_.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      process_.stdout!.on('data', () => {
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      process_.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (started) child = process_;
    else process_.kill('SIGKILL');
    return started;
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };

  // Another engineer's test may take the port between our look and Redis's bind: try others.
  for (let attempt = 0; !(await launch()); attempt += 1) {
    if (attempt === 4) throw new Error('redis-server did not start');
    port = await freePort();
  }
  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    stop,
    start: async () => {
      // The same port: clients reconnect to the address they were given.
      for (let attempt = 0; !(await launch()); attempt += 1) {
        if (attempt === 20) throw new Error(`redis-server did not start again on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    remove: async () => {
      await stop();
      folder.remove();
    },
  };
}
