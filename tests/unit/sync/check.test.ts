// @vitest-environment node
/**
 * "Test connection" (issue 16) against REAL WebDAV servers started here: it says what is wrong
 * with the same messages as a sync, and writes nothing, on the server or on this device.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../utils/library/store.ts';
import { checkServer, syncLibrary, SyncError } from '../../../utils/sync/engine.ts';
import { startDavServer, type DavKind, type DavServer } from '../../../scripts/lib/dav-servers.ts';

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

describe.each(['apache', 'rclone'] as DavKind[])('test connection with %s', (kind) => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const as = (password: string, path = '') => ({ url: server.url + path, user: server.user, password });

  it('a wrong password is 401 and a right one passes; neither writes anything', async () => {
    const wrong = await failure(checkServer({ fetch, server: as('wrong-password') }));
    expect(wrong.code).toBe('auth');
    expect(wrong.status).toBe(401);
    expect(wrong.message).toMatch(/refused the user name or password \(401\).*app password/);
    expect(await checkServer({ fetch, server: as(server.password) })).toMatchObject({ library: 'none' });
    expect(existsSync(join(server.data, 'Naqi'))).toBe(false);
  });

  it('a folder that is not there is 404/409, said as such', async () => {
    const error = await failure(checkServer({ fetch, server: as(server.password, 'no/such/folder/') }));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/folder was not found/);
  });

  it('checks the passphrase against the library there, without syncing', async () => {
    const library = await openLibrary(new IDBFactory(), 'naqi-library');
    try {
      await syncLibrary({ library, fetch, server: as(server.password), passphrase: 'right one' });
      const server0 = { fetch, server: as(server.password) };
      expect(await checkServer({ ...server0, passphrase: 'right one' })).toMatchObject({ library: 'encrypted' });
      expect((await failure(checkServer({ ...server0, passphrase: 'wrong one' }))).code).toBe('passphrase');
      expect((await failure(checkServer(server0))).code).toBe('passphrase-needed');
      // A check reads the manifest only: no listing of the records, two requests in all.
      expect((await checkServer({ ...server0, passphrase: 'right one' })).requests).toBe(2);
    } finally {
      library.close();
    }
  });
});

describe('test connection without WebDAV', () => {
  it('an unreachable server is said as such', async () => {
    const error = await failure(checkServer({ fetch, server: { url: 'http://127.0.0.1:9/', user: 'u', password: 'p' } }));
    expect(error.code).toBe('unreachable');
  });

  it('a plain web server is "not WebDAV"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naqi-plain-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 200; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/`).then(
          (r) => (r.body?.cancel(), true),
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const error = await failure(checkServer({ fetch, server: { url: `http://127.0.0.1:${port}/`, user: 'u', password: 'p' } }));
      expect(error.code).toBe('not-webdav');
      expect(error.message).toMatch(/does not speak WebDAV/);
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
