import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FixtureServer {
  /** e.g. `http://127.0.0.1:41234/` (always with the trailing slash). */
  url: string;
  close: () => Promise<void>;
}

export interface ServerOptions {
  /**
   * Sees each request first and answers it itself by returning true (generated pages, a
   * sentinel listener, a request log); returning false serves the fixture files as usual.
   */
  handle?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
}

const TEXT = 'text/plain; charset=utf-8';
/** Sent with `?csp=strict`: no script runs, inline styles are refused, nothing loads from elsewhere. */
export const STRICT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'";
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/**
 * Serves `<root>/<slug>/source.html` at `/<slug>/` and other files of a fixture folder by path.
 * `?delay=<ms>` (max 10 s) holds the response back, for tests of pages that arrive slowly.
 * `?trickle=<ms>` (max 10 s) sends the first half of the page at once and the rest after that
 * long, so the tab stays loading (and the content script, at document_idle, absent) meanwhile.
 * `?csp=strict` sends a strict Content-Security-Policy with the response (no script at all,
 * styles and images from the page's own origin only), for tests of locked-down pages.
 * Binds 127.0.0.1 only: fixtures are saved third-party pages and must not be reachable from outside.
 */
export async function startFixtureServer(root: string, options: ServerOptions = {}): Promise<FixtureServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let strictCsp = false;
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      strictCsp = url.searchParams.get('csp') === 'strict';
      if (options.handle?.(req, res, url)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, TEXT, 'method not allowed');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return send(400, TEXT, 'bad path');
      }
      const file = resolve(base, '.' + (path.endsWith('/') ? path + 'source.html' : path));
      // No escaping the fixtures folder with `..` or encoded slashes.
      if (!file.startsWith(base + sep)) return send(403, TEXT, 'forbidden');
      const delay = Math.min(Number(url.searchParams.get('delay')) || 0, 10_000);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        return send(404, TEXT, `no fixture file ${path}`);
      }
      const trickle = Math.min(Number(url.searchParams.get('trickle')) || 0, 10_000);
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (trickle > 0 && req.method === 'GET') {
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        res.write(body.subarray(0, body.length >> 1));
        await new Promise((r) => setTimeout(r, trickle));
        res.end(body.subarray(body.length >> 1));
        return;
      }
      send(200, type, body);
    })().catch(() => res.destroy());

    function send(status: number, type: string, body: string | Buffer): void {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        ...(strictCsp ? { 'content-security-policy': STRICT_CSP } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok()); // port 0: the OS picks a free port
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections(); // keep-alive sockets from Chromium would hold close() open
        server.close(() => ok());
      }),
  };
}
