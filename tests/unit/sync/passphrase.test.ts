// @vitest-environment node
/**
 * Changing the passphrase of the library on the server (issue 16) through REAL WebDAV servers
 * (Apache mod_dav, rclone): everything is encrypted again under the new key, other devices get a
 * clear error until they have the new passphrase, and a change cut off anywhere leaves one whole
 * library on the server, never a mix.
 */
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changePassphrase, type SyncOptions } from '../../../utils/sync/engine.ts';
import type { DavKind } from '../../../scripts/lib/dav-servers.ts';
import {
  article,
  deviceMaker,
  filesUnder,
  readerView as view,
  syncFailure as failure,
  tombstones,
  useDavServer,
  type Device,
} from '../helpers/sync.ts';

describe.each(['apache', 'rclone'] as DavKind[])('changing the passphrase through %s', (kind) => {
  const server = useDavServer(kind, { fresh: true });
  const device = deviceMaker(server);
  /** Changes the passphrase of the library on the server through `d`, from `from` ('': none) to `to`. */
  const rekey = (d: Device, from: string, to: string, over: Partial<SyncOptions> = {}) =>
    changePassphrase({ ...d.syncOptions({ ...(from ? { passphrase: from } : {}), ...over }), newPassphrase: to });
  /** The folders under Naqi/ on the server (records folders). */
  const folders = (): string[] =>
    readdirSync(join(server.data, 'Naqi')).filter((n) => statSync(join(server.data, 'Naqi', n)).isDirectory());
  const serverText = (): string =>
    filesUnder(join(server.data, 'Naqi'))
      .map((f) => readFileSync(f, 'latin1'))
      .join('\n');

  it('re-encrypts everything; another device gets a clear error with the old passphrase and all with the new', async () => {
    const a = await device();
    const b = await device();
    for (let i = 1; i <= 5; i++) await a.save(article(i));
    await a.delete('https://news.test/a/5');
    await a.sync({ passphrase: 'old one' });
    await b.sync({ passphrase: 'old one' });
    // B saves an article A has not seen yet: the change brings it along.
    await b.save(article(6));
    await b.sync({ passphrase: 'old one' });

    const change = await rekey(a, 'old one', 'الجديدة');
    expect(change.written).toBe(6); // five articles and one deletion
    expect(folders()).toHaveLength(1);
    expect(folders()[0]).toMatch(/^r-[0-9a-f]{20}$/);
    expect(serverText()).not.toMatch(/SECRETWORD/);

    const before = await view(b);
    const stale = await failure(b.sync({ passphrase: 'old one' }));
    expect(stale.code).toBe('passphrase');
    expect(await view(b)).toEqual(before);
    await b.sync({ passphrase: 'الجديدة' });
    expect(await view(b)).toEqual(await view(a));
    expect(Object.keys(await view(a))).toHaveLength(5);
    const c = await device();
    await c.sync({ passphrase: 'الجديدة' });
    expect(await view(c)).toEqual(await view(a));
    expect(await tombstones(c)).toEqual(['https://news.test/a/5']);
    // A's own state is the new library's: nothing to write or apply on its next sync (Apache's
    // weak ETags, for files written in the last second, are read once more: see sameEtag).
    const next = await a.sync({ passphrase: 'الجديدة' });
    expect([next.applied, next.uploaded]).toEqual([0, 0]);
  });

  it('a wrong current passphrase is a clear error and nothing changes, here or on the server', async () => {
    const a = await device();
    for (let i = 1; i <= 3; i++) await a.save(article(i));
    await a.sync({ passphrase: 'old one' });
    const serverFiles = (): string[][] =>
      filesUnder(server.data)
        .filter((f) => f.includes('Naqi'))
        .map((f) => [f, readFileSync(f).toString('base64')]);
    const snapshot = serverFiles();
    const error = await failure(rekey(a, 'not it', 'new one'));
    expect(error.code).toBe('passphrase');
    expect(error.message).toMatch(/passphrase is wrong/);
    expect(serverFiles()).toEqual(snapshot);
    expect(Object.keys(await view(a))).toHaveLength(3);
  });

  it('cut off midway (the server killed) leaves the old library whole; run again, it completes', async () => {
    const a = await device();
    for (let i = 1; i <= 30; i++) await a.save(article(i));
    await a.sync({ passphrase: 'old one' });
    let writes = 0;
    const killing: typeof fetch = (input, init) => {
      if (init?.method === 'PUT' && /\/Naqi\/r-/.test(String(input)) && ++writes === 8) void server.kill();
      return fetch(input, init);
    };
    const cut = await failure(rekey(a, 'old one', 'new one', { fetch: killing }));
    expect(cut.code).toBe('unreachable');
    await server.start();
    // The old passphrase still opens the whole library on the server.
    const b = await device();
    await b.sync({ passphrase: 'old one' });
    expect(await view(b)).toEqual(await view(a));
    // Run again: it resumes into the same new folder, and completes.
    const half = folders().find((n) => n.startsWith('r-'));
    await rekey(a, 'old one', 'new one');
    expect(folders()).toEqual([half]);
    const c = await device();
    await c.sync({ passphrase: 'new one' });
    expect(Object.keys(await view(c))).toHaveLength(30);
    expect(await view(c)).toEqual(await view(a));
  });

  it('cut off after the switch, before the old files are removed: the next device to sync removes them', async () => {
    const a = await device();
    for (let i = 1; i <= 4; i++) await a.save(article(i));
    await a.sync();
    const noDelete: typeof fetch = (input, init) =>
      init?.method === 'DELETE' ? Promise.reject(new TypeError('network cut')) : fetch(input, init);
    await rekey(a, '', 'now encrypted', { fetch: noDelete });
    expect(folders().sort()).toEqual([expect.stringMatching(/^r-/), 'records']);
    expect(existsSync(join(server.data, 'Naqi', 'records'))).toBe(true);
    const b = await device();
    await b.sync({ passphrase: 'now encrypted' });
    expect(folders()).toEqual([expect.stringMatching(/^r-/)]);
    expect(serverText()).not.toMatch(/SECRETWORD/);
    expect(await view(b)).toEqual(await view(a));
  });
});
