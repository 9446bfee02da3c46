/**
 * Real WebDAV servers for the sync tests and the benchmark, each a child process on 127.0.0.1
 * with a user and password, its files in a directory of its own so that it can be killed
 * (SIGKILL, mid-request) and started again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * webdav-server (npm) and rclone serve webdav ignore If-Match / If-None-Match (checked: a PUT
 * with a wrong If-Match succeeds); Apache's mod_dav honours them (412). Sync must converge on all.
 */
export type DavKind = 'webdav-server' | 'rclone' | 'apache';

const APACHE_MODULES = ['mpm_event', 'authn_core', 'authn_file', 'auth_basic', 'authz_core', 'authz_user', 'dav', 'dav_fs'];

/** Apache httpd with mod_dav on `dir`/data: its own config, Basic auth from an htpasswd with {SHA}. */
function apacheConfig(dir: string, port: number, user: string, password: string): string {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  // Apache started as root runs its children as www-data: they must write the data.
  chmodSync(dir, 0o777);
  chmodSync(data, 0o777);
  writeFileSync(join(dir, 'htpasswd'), `${user}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`);
  const conf = [
    `ServerRoot /usr/lib/apache2`,
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    ...APACHE_MODULES.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`),
    ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
    `PidFile ${join(dir, 'httpd.pid')}`,
    `ErrorLog ${join(dir, 'error.log')}`,
    `DavLockDB ${join(dir, 'davlock')}`,
    `DocumentRoot ${data}`,
    `<Directory ${data}>`,
    `  Dav On`,
    `  AuthType Basic`,
    `  AuthName naqi-test`,
    `  AuthUserFile ${join(dir, 'htpasswd')}`,
    `  Require valid-user`,
    `</Directory>`,
  ].join('\n');
  writeFileSync(join(dir, 'httpd.conf'), conf);
  return join(dir, 'httpd.conf');
}

export interface DavServer {
  kind: DavKind;
  url: string;
  user: string;
  password: string;
  dir: string;
  /** The folder the server's WebDAV root maps to (its files as the reader's storage holds them). */
  data: string;
  /** SIGKILL: no clean shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface DavServerOptions {
  /** webdav-server only: bytes the user may store; beyond them PUT answers 507. */
  quota?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`the WebDAV server exited (${child.exitCode})`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error(`the WebDAV server at ${url} did not start`);
}

export async function startDavServer(kind: DavKind, options: DavServerOptions = {}): Promise<DavServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `naqi-dav-${kind}-`));
  const user = 'reader';
  const password = 'app-password-123';
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    child =
      kind === 'apache'
        ? spawn(
            existsSync('/usr/sbin/apache2') ? '/usr/sbin/apache2' : 'apache2',
            ['-f', apacheConfig(dir, port, user, password), '-DFOREGROUND'],
            { stdio: 'ignore', detached: true },
          )
        : kind === 'webdav-server'
          ? spawn(
              process.execPath,
              [
                join(import.meta.dirname, 'webdav-server.mjs'),
                String(port),
                dir,
                user,
                password,
                ...(options.quota ? [String(options.quota)] : []),
              ],
              { stdio: 'ignore', detached: true },
            )
          : spawn(
              'rclone',
              ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', user, '--pass', password, '--config', '/dev/null', '-q'],
              {
                stdio: 'ignore',
                detached: true,
              },
            );
    await waitUntilUp(url, child);
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    // The whole process group: Apache's workers too.
    process.kill(-(c.pid as number), 'SIGKILL');
    await exited;
  };
  await start();
  return {
    kind,
    url,
    user,
    password,
    dir,
    data: kind === 'apache' ? join(dir, 'data') : dir,
    kill,
    start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
