// GraphiQL with its scripts, styles, workers and icon served as cacheable files. yoga's
// renderGraphiQL inlines all of them (9 MB of HTML, sent with no-cache, so every visit
// downloaded it again); here the page is a few KB and names each asset by a hash of its content,
// so browsers keep the assets for a year (`immutable`) and revalidate them by ETag.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { GraphiQLOptions } from 'graphql-yoga';
import { negotiate, type Encoding } from './compression.js';

/** Where the assets are served: beside the GraphQL endpoint, linked relatively from its page. */
export const graphiqlAssetsPath = '/graphiql/';

interface Asset {
  file: string;
  type: string;
  body: Buffer;
  hash: string;
  compressed: Partial<Record<Encoding, Promise<Buffer>>>;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

let loaded: Promise<Map<string, Asset>> | undefined;

/** The assets, read from the package on first use (a 9 MB module: not loaded unless GraphiQL is). */
function assets(): Promise<Map<string, Asset>> {
  loaded ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const make = (name: string, extension: string, type: string, body: Buffer): Asset => {
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      return { file: `${name}-${hash}.${extension}`, type, body, hash, compressed: {} };
    };
    const script = 'application/javascript; charset=utf-8';
    const icon = /^data:([^;]+);base64,(.*)$/.exec(bundle.favicon);
    return new Map([
      ['script', make('graphiql', 'js', script, Buffer.from(bundle.js))],
      ['styles', make('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css))],
      ['editorWorker', make('editor.worker', 'js', script, Buffer.from(bundle.editorWorkerService))],
      ['jsonWorker', make('json.worker', 'js', script, Buffer.from(bundle.jsonWorker))],
      ['graphqlWorker', make('graphql.worker', 'js', script, Buffer.from(bundle.graphqlWorker))],
      ['favicon', make('favicon', 'ico', icon?.[1] ?? 'image/x-icon', Buffer.from(icon?.[2] ?? '', 'base64'))],
    ]);
  });
  return loaded;
}

/**
 * Compressed once per asset and encoding, off the event loop, at the highest settings that take
 * under a second for the 5 MB script (brotli 9: 1.24 MB in ~0.8 s; 11 would take ~18 s).
 */
function compressedAsset(asset: Asset, encoding: Encoding): Promise<Buffer> {
  return (asset.compressed[encoding] ??=
    encoding === 'br'
      ? brotli(asset.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length } })
      : gzipAsync(asset.body, { level: 9 }));
}

/** `<` escaped so that no option text (the example operations) can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** yoga's GraphiQL page (the same markup as @graphql-yoga/render-graphiql) with linked assets. */
export async function renderGraphiQLPage(options?: GraphiQLOptions): Promise<string> {
  const found = await assets();
  const url = (name: string) => `.${graphiqlAssetsPath}${found.get(name)!.file}`;
  const title = (options?.title || 'Yoga GraphiQL').replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${url('favicon')}" />
    <link rel="stylesheet" href="${url('styles')}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson({ editorWorkerService: url('editorWorker'), json: url('jsonWorker'), graphql: url('graphqlWorker') })};
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return new URL(workers[label], document.baseURI).href;
        },
      };
    </script>
    <script src="${url('script')}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(window.document.querySelector('#root'), ${scriptJson(options ?? {})});
    </script>
  </body>
</html>
`;
}

/**
 * Serves `/graphiql/<name>-<hash>.<ext>` (GET and HEAD): immutable for a year, with an ETag per
 * encoding, precompressed when the client accepts it. False for any other path.
 */
export async function serveGraphiQLAsset(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith(graphiqlAssetsPath) || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const file = path.slice(graphiqlAssetsPath.length);
  const asset = [...(await assets()).values()].find((candidate) => candidate.file === file);
  if (!asset) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('Not Found');
    return true;
  }
  const encoding = asset.body.length >= 1024 ? negotiate(request.headers['accept-encoding']) : null;
  const etag = `"${asset.hash}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string | number> = {
    'content-type': asset.type,
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
    vary: 'Accept-Encoding',
  };
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    response.writeHead(304, headers);
    response.end();
    return true;
  }
  const body = encoding ? await compressedAsset(asset, encoding) : asset.body;
  if (encoding) headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
