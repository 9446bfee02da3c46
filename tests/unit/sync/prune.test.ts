// @vitest-environment node
/**
 * Old deletions are forgotten (issue 16): tombstones do not grow forever, and a deleted article
 * never comes back, through REAL WebDAV servers (Apache mod_dav, rclone) and a fake clock that
 * the libraries and sync share.
 */
import 'fake-indexeddb/auto';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../../utils/library/store.ts';
import { LOCAL_TOMBSTONE_DAYS, SERVER_TOMBSTONE_DAYS } from '../../../utils/sync/engine.ts';
import type { DavKind } from '../../../scripts/lib/dav-servers.ts';
import { article, articleUrl, deviceMaker, recordFiles, syncInTurn, tombstones, useDavServer } from '../helpers/sync.ts';

const DAY = 24 * 3600 * 1000;
/**
 * Set back 400 days before each test, so that the ~7 months a test moves it forward stay before
 * the real clock (saves and stamps after the real now are refused as a device with a wrong clock).
 */
let time = 0;
beforeEach(() => {
  time = Date.now() - 400 * DAY;
});
const clock = (): number => time;

const id = articleUrl;
const titles = async (lib: Library): Promise<Record<string, string>> =>
  Object.fromEntries((await lib.all()).map((r) => [r.id, r.article.title]));

describe.each(['apache', 'rclone'] as DavKind[])('pruning old deletions through %s', (kind) => {
  const server = useDavServer(kind, { fresh: true });
  const device = deviceMaker(server, { clock });
  /** Saves articles `ns` on `lib`, now by the fake clock. */
  const saveNow = async (lib: Library, ...ns: number[]): Promise<void> => {
    for (const n of ns) await lib.save(article(n), { savedAt: time });
  };
  /**
   * The server's files age with the fake clock: Apache names a file changed in the last second
   * with a weak ETag, which no delete can be made conditional on, and these tests run in less.
   */
  const age = (): void => {
    const past = new Date(Date.now() - 3600_000);
    for (const file of recordFiles(server)) utimesSync(file, past, past);
  };

  it('a tombstone is forgotten here once pushed and old, and on the server after the horizon; nothing comes back', async () => {
    const a = await device();
    const b = await device();
    await saveNow(a, 1, 2);
    await syncInTurn(a, b);
    await a.delete(id(1));
    await syncInTurn(a, b);
    expect(await titles(b)).toEqual({ [id(2)]: 'عنوان 2' });
    expect(await tombstones(a)).toEqual([id(1)]);

    // Young tombstones stay; past LOCAL_TOMBSTONE_DAYS each device forgets its own copy.
    time += (LOCAL_TOMBSTONE_DAYS - 1) * DAY;
    expect((await a.sync()).pruned).toEqual({ server: 0, local: 0 });
    time += 2 * DAY;
    expect((await a.sync()).pruned).toEqual({ server: 0, local: 1 });
    expect((await b.sync()).pruned).toEqual({ server: 0, local: 1 });
    expect(await tombstones(a)).toEqual([]);
    expect(await tombstones(b)).toEqual([]);
    expect(recordFiles(server)).toHaveLength(2); // the server still holds the deletion

    // Past SERVER_TOMBSTONE_DAYS the tombstone file goes too; the article stays deleted everywhere.
    time += SERVER_TOMBSTONE_DAYS * DAY;
    age();
    expect((await a.sync()).pruned).toEqual({ server: 1, local: 0 });
    expect(recordFiles(server)).toHaveLength(1);
    const again = await b.sync();
    expect(again.uploaded).toBe(0);
    expect(again.reconciled).toBe(0);
    for (const lib of [a, b]) {
      await lib.sync();
      expect(await titles(lib)).toEqual({ [id(2)]: 'عنوان 2' });
    }
    expect(recordFiles(server)).toHaveLength(1);
  });

  it('a device away longer than the horizon does not bring a deleted article back, and keeps its own changes', async () => {
    const a = await device();
    const away = await device();
    await saveNow(a, 1, 2, 3);
    await syncInTurn(a, away);
    await a.delete(id(1));
    await a.sync();
    // While the other device is away, A forgets the deletion here and, later, on the server.
    time += (LOCAL_TOMBSTONE_DAYS + 1) * DAY;
    await a.sync();
    time += SERVER_TOMBSTONE_DAYS * DAY;
    age();
    expect((await a.sync()).pruned.server).toBe(1);
    // The device that was away changed article 3 meanwhile.
    await away.save(article(3, { title: 'عنوان 3 معدّل' }), { savedAt: time });
    time += DAY;
    const back = await away.sync();
    expect(back.reconciled).toBe(1);
    expect(await titles(away)).toEqual({ [id(2)]: 'عنوان 2', [id(3)]: 'عنوان 3 معدّل' });
    await a.sync();
    expect(await titles(a)).toEqual({ [id(2)]: 'عنوان 2', [id(3)]: 'عنوان 3 معدّل' });
  });

  it('a device away longer than the horizon finds an emptied server: it loses nothing and uploads all', async () => {
    const away = await device();
    await saveNow(away, 1, 2);
    await away.sync();
    await server.empty();
    // Another device starts the server afresh with a library of its own.
    const other = await device();
    await saveNow(other, 5);
    await other.sync();
    time += (SERVER_TOMBSTONE_DAYS + 10) * DAY;
    const back = await away.sync();
    expect(back.reconciled).toBe(0);
    expect(back.uploaded).toBe(2);
    expect(Object.keys(await titles(away)).sort()).toEqual([id(1), id(2), id(5)]);
  });

  it('an older copy written over a deletion the device has forgotten is not applied: the deletion is written again', async () => {
    const a = await device();
    await saveNow(a, 1);
    await a.sync();
    const [file] = recordFiles(server);
    const before = readFileSync(file as string);
    await a.delete(id(1));
    await a.sync();
    time += (LOCAL_TOMBSTONE_DAYS + 1) * DAY;
    expect((await a.sync()).pruned.local).toBe(1);
    // A server that ignores If-Match takes a late, blind write of the old copy.
    const put = await server.put(`records/${(file as string).split(/[/\\]/).pop()}`, before);
    expect(put.ok).toBe(true);
    // The device that wrote it says so, as every device does after it writes.
    await server.sayChanged('late');
    time += 1000;
    const after = await a.sync();
    expect(after.applied).toBe(0);
    expect(after.uploaded).toBe(1);
    expect(await a.count()).toBe(0);
    expect(statSync(file as string).size).toBeLessThan(before.byteLength);
    const b = await device();
    await b.sync();
    expect(await b.count()).toBe(0);
  });
});
