// @vitest-environment node
/**
 * Sync between two devices (two IndexedDB libraries) through REAL WebDAV servers started here
 * on 127.0.0.1 with a password: Apache httpd with mod_dav, rclone serve webdav, and the npm
 * webdav-server. Nothing of the protocol is mocked; faults are real (a killed server process,
 * a full quota, a wrong password).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportLibrary, importLibrary, toBackupRecord } from '../../../utils/library/backup.ts';
import { formatHlc } from '../../../utils/library/hlc.ts';
import { fileIdOf } from '../../../utils/sync/crypto.ts';
import type { DavKind } from '../../../scripts/lib/dav-servers.ts';
import {
  deviceMaker,
  filesUnder,
  readerView as view,
  recordFiles,
  saveWithPhoto as save,
  syncFailure,
  syncInTurn,
  useDavServer,
  withPlainWebServer,
  type Device,
} from '../helpers/sync.ts';

const KINDS: DavKind[] = ['apache', 'rclone', 'webdav-server'];

describe.each(KINDS)('sync through %s', (kind) => {
  /** Each test starts from an empty folder on the server. */
  const server = useDavServer(kind, { fresh: true });
  const device = deviceMaker(server);
  /** A and B, after A saved articles `ns` (with their photos) and synced them to B. */
  const sharing = async (...ns: number[]): Promise<[Device, Device]> => {
    const a = await device();
    const b = await device();
    for (const n of ns) await save(a, n);
    await syncInTurn(a, b);
    return [a, b];
  };

  it('an article saved on A appears on B with its images; a delete on B is gone on A and stays gone', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await save(a, 2);
    await a.sync();
    const first = await b.sync();
    expect(first.applied).toBe(2);
    expect(await view(b)).toEqual(await view(a));
    expect((await b.entries()).map((e) => e.imagesSaved)).toEqual([1, 1]);

    // B deletes while A is offline and still holds the article; A syncs later.
    await b.delete('https://news.test/a/1');
    await syncInTurn(b, a);
    expect(Object.keys(await view(a))).toEqual(['https://news.test/a/2']);
    // More rounds: the article does not come back from either side.
    await syncInTurn(a, b);
    expect(Object.keys(await view(a))).toEqual(['https://news.test/a/2']);
    expect(Object.keys(await view(b))).toEqual(['https://news.test/a/2']);
  });

  it('different articles changed on both while apart are both kept; the same article changed on both has one winner', async () => {
    const [a, b] = await sharing(1);
    // Apart: A saves 2 and edits 1, B saves 3 and edits 1 later.
    await save(a, 2);
    await save(a, 1, { title: 'تعديل من الجهاز أ' });
    await save(b, 3);
    const bEdit = await save(b, 1, { title: 'تعديل من الجهاز ب' });
    const aEdit = await a.get('https://news.test/a/1');
    await syncInTurn(a, b, a);
    const va = await view(a);
    expect(va).toEqual(await view(b));
    expect(Object.keys(va).sort()).toEqual(['https://news.test/a/1', 'https://news.test/a/2', 'https://news.test/a/3']);
    // The winner is the edit with the larger stamp, on both devices alike.
    const winner = aEdit!.hlc! > bEdit.hlc! ? aEdit! : bEdit;
    expect(va['https://news.test/a/1']!.title).toBe(winner.article.title);
    expect(await a.count()).toBe(3);
    // One file per article on the server: no duplicate.
    expect(recordFiles(server)).toHaveLength(3);
  });

  it('with a passphrase the server holds no article text, and B with the passphrase reads it', async () => {
    const a = await device();
    await save(a, 1);
    await save(a, 2);
    await a.sync({ passphrase: 'كلمة سر طويلة' });
    const files = recordFiles(server);
    expect(files).toHaveLength(2);
    const all = filesUnder(server.dir)
      .filter((f) => !/\.(conf|log|pid)$|htpasswd|davlock/.test(f))
      .map((f) => readFileSync(f));
    for (const bytes of all) {
      const text = bytes.toString('latin1');
      for (const secret of ['SECRETWORD1', 'news.test', 'img.test', 'naqi-sync-record']) expect(text).not.toContain(secret);
      expect(bytes.includes(Buffer.from('عنوان المقال'))).toBe(false);
    }
    const b = await device();
    await b.sync({ passphrase: 'كلمة سر طويلة' });
    expect(await view(b)).toEqual(await view(a));
  });

  it('a wrong passphrase is a clear error and changes nothing, here or on the server', async () => {
    const a = await device();
    const b = await device();
    await save(a, 1);
    await a.sync({ passphrase: 'the right one' });
    await save(b, 9);
    const before = await view(b);
    const serverBefore = recordFiles(server).map((f) => readFileSync(f).toString('base64'));
    const error = await syncFailure(b.sync({ passphrase: 'a wrong one' }));
    expect(error.code).toBe('passphrase');
    expect(error.message).toMatch(/passphrase is wrong/);
    expect(await view(b)).toEqual(before);
    expect(recordFiles(server).map((f) => readFileSync(f).toString('base64'))).toEqual(serverBefore);
    // No passphrase at all: said as such.
    expect((await syncFailure(b.sync())).code).toBe('passphrase-needed');
  });

  it('a server killed mid-sync leaves both sides consistent, and the next sync completes', async () => {
    const a = await device();
    for (let i = 0; i < 40; i++) await save(a, i);
    const before = await view(a);
    let requests = 0;
    const killing: typeof fetch = (input, init) => {
      if (++requests === 15) void server.kill();
      return fetch(input, init);
    };
    const error = await syncFailure(a.sync({ fetch: killing }));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/unchanged/);
    expect(await view(a)).toEqual(before);
    await server.start();
    const done = await a.sync();
    expect(done.uploaded).toBeGreaterThan(0);
    expect(done.uploaded).toBeLessThanOrEqual(40);
    const b = await device();
    const got = await b.sync();
    expect(got.unreadable).toBe(0);
    expect(await view(b)).toEqual(before);
  });

  it('an emptied server never empties the library: it is uploaded again', async () => {
    const a = await device();
    await save(a, 1);
    await save(a, 2);
    await a.sync();
    await server.empty();
    const again = await a.sync();
    expect(await a.count()).toBe(2);
    expect(again.uploaded).toBe(2);
    const b = await device();
    await b.sync();
    expect(await view(b)).toEqual(await view(a));
  });

  it('a device that writes between the listing and the upload of another is never overwritten blindly', async () => {
    const [a, b] = await sharing(1);
    const aEdit = await save(a, 1, { title: 'أ' });
    await save(a, 2);
    const bEdit = await save(b, 1, { title: 'ب' });
    // B syncs in the middle of A's sync: after A listed the folder, before A's first upload.
    let bSynced = false;
    const racing: typeof fetch = async (input, init) => {
      if (!bSynced && init?.method === 'PUT' && String(input).includes('/records/')) {
        bSynced = true;
        await b.sync();
      }
      return fetch(input, init);
    };
    const result = await a.sync({ fetch: racing });
    expect(bSynced).toBe(true);
    // Apache honours If-Match: A sees 412 and merges. rclone and webdav-server ignore it (a
    // blind overwrite): the stamps still bring both devices to the same copy below.
    if (kind === 'apache') expect(result.conflicts).toBeGreaterThan(0);
    await syncInTurn(b, a, b);
    const winner = aEdit.hlc! > bEdit.hlc! ? aEdit : bEdit;
    expect((await view(a))['https://news.test/a/1']!.title).toBe(winner.article.title);
    expect(await view(b)).toEqual(await view(a));
    expect(recordFiles(server)).toHaveLength(2);
  });

  it('restoring a backup and syncing do not fight: the restore is a change that syncs like a save', async () => {
    const [a, b] = await sharing(1, 2);
    const backup = await exportLibrary(a);
    await b.delete('https://news.test/a/1');
    await syncInTurn(b, a);
    expect(await a.count()).toBe(1);
    // A restores its backup: the deleted article comes back, everywhere, and stays.
    await importLibrary(a, backup);
    await syncInTurn(a, b);
    expect(Object.keys(await view(b)).sort()).toEqual(['https://news.test/a/1', 'https://news.test/a/2']);
    // Restoring the same backup again changes nothing and uploads nothing.
    await importLibrary(a, backup);
    expect((await a.sync()).uploaded).toBe(0);
  });

  it('a file stamped far in the future (a device with a wrong clock) is not applied', async () => {
    const [a, b] = await sharing(1);
    const record = (await a.get('https://news.test/a/1'))!;
    const future = formatHlc({ wall: Date.now() + 30 * 24 * 3600 * 1000, counter: 0, node: 'clock' });
    const file = {
      format: 'naqi-sync-record',
      version: 1,
      id: record.id,
      hlc: future,
      record: toBackupRecord({ ...record, article: { ...record.article, title: 'من المستقبل' } }),
    };
    const put = await server.put(`records/${await fileIdOf(record.id, null)}`, JSON.stringify(file));
    expect(put.ok).toBe(true);
    await server.sayChanged();
    const result = await b.sync();
    expect(result.unreadable).toBe(1);
    expect((await b.get(record.id))?.article.title).toBe(record.article.title);
  });

  it('a damaged file on the server is written again by a device that holds the article', async () => {
    const a = await device();
    await save(a, 1);
    await a.sync();
    const put = await server.put(`records/${await fileIdOf('https://news.test/a/1', null)}`, '{"format":"naqi-sync-record","vers');
    expect(put.ok).toBe(true);
    await server.sayChanged();
    const repair = await a.sync();
    expect(repair.unreadable).toBe(1);
    expect(repair.uploaded).toBe(1);
    expect(await a.count()).toBe(1);
    const b = await device();
    const read = await b.sync();
    expect(read.unreadable).toBe(0);
    expect(await view(b)).toEqual(await view(a));
  });

  it('a folder that does not exist is said as such (404/409)', async () => {
    const a = await device();
    await save(a, 1);
    const error = await syncFailure(a.sync({ server: { ...server.account, url: `${server.url}no/such/folder/` } }));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/not found/);
    expect(await a.count()).toBe(1);
  });

  it('a wrong password is a clear error (401)', async () => {
    const a = await device();
    await save(a, 1);
    const error = await syncFailure(a.sync({ server: { ...server.account, password: 'wrong' } }));
    expect(error.code).toBe('auth');
    expect(await a.count()).toBe(1);
  });

  it('an incremental sync moves only what changed', async () => {
    const [a, b] = await sharing(...Array.from({ length: 30 }, (_, i) => i));
    await save(a, 5, { title: 'جديد' });
    await a.delete('https://news.test/a/6');
    const up = await a.sync();
    expect(up.uploaded).toBe(2);
    const down = await b.sync();
    expect(down.applied).toBe(2);
    expect(await view(b)).toEqual(await view(a));
  });
});

/** Devices of a server that is not there: nothing listens on 127.0.0.1:9. */
const offlineDevice = deviceMaker({ url: 'http://127.0.0.1:9/', user: 'u', password: 'p' });

describe('sync faults without a server', () => {
  it('an unreachable server is a clear error and the library is untouched', async () => {
    const a = await offlineDevice();
    await save(a, 1);
    const error = await syncFailure(a.sync());
    expect(error.code).toBe('unreachable');
    expect(await a.count()).toBe(1);
  });
});

describe('sync with a server that is not WebDAV', () => {
  it('says so (rclone serve http: files over plain HTTP, PROPFIND refused), library untouched', async () => {
    await withPlainWebServer(async (url) => {
      const a = await offlineDevice();
      await save(a, 1);
      const error = await syncFailure(a.sync({ server: { url, user: 'u', password: 'p' } }));
      expect(error.code).toBe('not-webdav');
      expect(error.message).toMatch(/does not speak WebDAV/);
      expect(await a.count()).toBe(1);
    });
  });
});

describe('sync into a full server (507)', () => {
  const server = useDavServer('webdav-server', { quota: 20_000 });
  const device = deviceMaker(server);

  it('says the storage is full and loses nothing here', async () => {
    const a = await device();
    for (let i = 0; i < 30; i++) await save(a, i, { textContent: `نص ${i} `.repeat(200) });
    const before = await view(a);
    const error = await syncFailure(a.sync());
    expect(error.code).toBe('full');
    expect(error.status).toBe(507);
    expect(error.message).toMatch(/full/);
    expect(await view(a)).toEqual(before);
  });
});
