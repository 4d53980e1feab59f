// The HTTP server: routes /graphql to yoga, answers /health, and shuts down cleanly.
import { createServer, type Server } from 'node:http';
import type { Yoga } from './yoga.js';

/** A node:http server that hands every request to yoga, plus a liveness endpoint. */
export function createHttpServer(yoga: Yoga): Server {
  return createServer((request, response) => {
    if (request.url === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify({ status: 'ok' }));
      return;
    }
    void yoga(request, response);
  });
}

/** Starts listening and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
