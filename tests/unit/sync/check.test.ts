// @vitest-environment node
/**
 * "Test connection" (issue 16) against REAL WebDAV servers started here: it says what is wrong
 * with the same messages as a sync, and writes nothing, on the server or on this device.
 */
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkServer } from '../../../utils/sync/engine.ts';
import type { DavKind } from '../../../scripts/lib/dav-servers.ts';
import { deviceMaker, syncFailure as failure, useDavServer, withPlainWebServer } from '../helpers/sync.ts';

describe.each(['apache', 'rclone'] as DavKind[])('test connection with %s', (kind) => {
  const server = useDavServer(kind);
  const device = deviceMaker(server);
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
    await (await device()).sync({ passphrase: 'right one' });
    const server0 = { fetch, server: as(server.password) };
    expect(await checkServer({ ...server0, passphrase: 'right one' })).toMatchObject({ library: 'encrypted' });
    expect((await failure(checkServer({ ...server0, passphrase: 'wrong one' }))).code).toBe('passphrase');
    expect((await failure(checkServer(server0))).code).toBe('passphrase-needed');
    // A check reads the manifest only: no listing of the records, two requests in all.
    expect((await checkServer({ ...server0, passphrase: 'right one' })).requests).toBe(2);
  });
});

describe('test connection without WebDAV', () => {
  it('an unreachable server is said as such', async () => {
    const error = await failure(checkServer({ fetch, server: { url: 'http://127.0.0.1:9/', user: 'u', password: 'p' } }));
    expect(error.code).toBe('unreachable');
  });

  it('a plain web server is "not WebDAV"', async () => {
    await withPlainWebServer(async (url) => {
      const error = await failure(checkServer({ fetch, server: { url, user: 'u', password: 'p' } }));
      expect(error.code).toBe('not-webdav');
      expect(error.message).toMatch(/does not speak WebDAV/);
    });
  });
});
