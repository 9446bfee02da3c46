/**
 * naqi bench:sync — sync of a generated library through a real local WebDAV server: the first
 * sync of N articles, the second device's first download, and an incremental sync after 10
 * changes (8 edits, 2 deletes), then a sync with nothing to do. Numbers only; never pass/fail.
 *
 *   npm run bench:sync [-- --records N] [--server apache|rclone|webdav-server] [--passphrase P]
 *
 * The libraries are fake-indexeddb databases in Node (the engine is the extension's own,
 * utils/sync); the server is started on 127.0.0.1 with a password and stopped after. Every
 * fourth article carries a 30 KB image (random bytes, as incompressible as a JPEG).
 * Targets (issue 16): incremental sync of 10 changes under 2 s and under 30 requests; the first
 * sync limited by the server, not by Naqi's CPU (the "CPU" column: Naqi's process time / wall).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { recordFromJson } from '../utils/library/backup.ts';
import { bytesToBase64 } from '../utils/library/base64.ts';
import { openLibrary, type Library } from '../utils/library/store.ts';
import type { LibraryRecord } from '../utils/library/schema.ts';
import { syncLibrary, type SyncResult } from '../utils/sync/engine.ts';
import { startDavServer, type DavKind } from './lib/dav-servers.ts';
import { makeRecords, random } from './lib/library-records.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const count = Number(arg('records')) || 10_000;
const kind = (arg('server') ?? 'apache') as DavKind;
const passphrase = arg('passphrase');

function library(n: number): LibraryRecord[] {
  const rand = random(11);
  return makeRecords(n).map((raw, i) => {
    if (i % 4 === 0) {
      const src = `https://img${i % 13}.example/${i}.jpg`;
      const bytes = new Uint8Array(30_000).map(() => Math.floor(rand() * 256));
      raw.article.leadImage = { src };
      raw.article.contentHtml = `<figure><img src="${src}"></figure>${raw.article.contentHtml}`;
      raw.images = { [src]: { type: 'image/jpeg', data: bytesToBase64(bytes) } };
    }
    const record = recordFromJson(raw);
    if (typeof record === 'string') throw new Error(`generated article ${i} ${record}`);
    return record;
  });
}

async function timed(run: () => Promise<SyncResult>): Promise<{ result: SyncResult; ms: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, ms, cpu: (cpu.user + cpu.system) / 1000 / ms };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const records = library(count);
  const a: Library = await openLibrary(new IDBFactory(), 'device-a');
  for (let i = 0; i < records.length; i += 1000) await a.putAll(records.slice(i, i + 1000));
  console.log(
    `${count} articles generated and stored on device A in ${Math.round(performance.now() - t0)} ms (server: ${kind}${passphrase ? ', encrypted' : ''})`,
  );

  const server = await startDavServer(kind);
  try {
    const options = (library: Library) => ({
      library,
      fetch,
      server: { url: server.url, user: server.user, password: server.password },
      ...(passphrase ? { passphrase } : {}),
    });
    const first = await timed(() => syncLibrary(options(a)));
    console.log(
      `first sync (A uploads): ${(first.ms / 1000).toFixed(1)} s, ${first.result.requests} requests, ${mb(first.result.bytesSent)} sent, CPU ${Math.round(first.cpu * 100)}%`,
    );
    const b = await openLibrary(new IDBFactory(), 'device-b');
    const down = await timed(() => syncLibrary(options(b)));
    console.log(
      `first sync (B downloads): ${(down.ms / 1000).toFixed(1)} s, ${down.result.requests} requests, ${mb(down.result.bytesReceived)} received, ${await b.count()} articles, CPU ${Math.round(down.cpu * 100)}%`,
    );
    // A settles: it reads back once what its server did not give an ETag for (Apache's PUT).
    const settle = await timed(() => syncLibrary(options(a)));
    console.log(`A settles: ${Math.round(settle.ms)} ms, ${settle.result.requests} requests`);

    // Ten changes on A: eight edits and two deletes.
    const ids = records.map((r) => r.id);
    for (let i = 0; i < 8; i++) {
      const record = (await a.get(ids[(i * 97 + 11) % ids.length] as string)) as LibraryRecord;
      await a.save({ ...record.article, title: `${record.article.title} (تعديل ${i})` });
    }
    await a.delete([ids[5] as string, ids[6] as string]);
    const inc = await timed(() => syncLibrary(options(a)));
    const ph = inc.result.phases;
    console.log(
      `incremental on A: list ${Math.round(ph.list)} ms, download ${Math.round(ph.download)} ms, find changes ${Math.round(ph.plan)} ms, upload ${Math.round(ph.upload)} ms`,
    );
    const incB = await timed(() => syncLibrary(options(b)));
    console.log(
      `incremental on B (downloads the 10): ${Math.round(incB.ms)} ms, ${incB.result.requests} requests, ${incB.result.applied} applied`,
    );
    // Nothing changed anywhere: what a scheduled sync costs when there is nothing to do.
    const idle = await timed(() => syncLibrary(options(a)));
    console.log(
      `idle sync on A (nothing changed): ${Math.round(idle.ms)} ms, ${idle.result.requests} requests, ${idle.result.bytesReceived} bytes received`,
    );
    console.log(
      `sync: first ${count} articles in ${(first.ms / 1000).toFixed(1)} s (${first.result.requests} requests, ${first.result.bytesSent} bytes); incremental 10 changes in ${Math.round(inc.ms)} ms (${inc.result.requests} requests)`,
    );
  } finally {
    await server.stop();
  }
}

await main();
