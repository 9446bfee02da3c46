import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalId } from '../../utils/library/derived.ts';
import { groupPage, groupPayloads, loadPayloads, payloadPage, type Payload } from '../fixtures/xss/build.ts';
import { launchExtension, tabIdOf, type ExtensionSession } from './harness/browser.ts';
import { messagesOf } from './harness/messages.ts';
import { EXTENSION_DIR, FIXTURES_DIR } from '../../scripts/lib/paths.ts';
import { startFixtureServer, type FixtureServer } from '../../scripts/lib/fixture-server.ts';

/**
 * Issue #6, script injection, in the real browser: each payload of tests/fixtures/xss in its
 * own copy of the seed article, through the popup, the full-tab reader, Save, the library,
 * the saved article in the reader and the exported HTML file opened from disk. A payload
 * "executed" if any of these pages got `window.__pwned` (set by script or clobbered by an
 * element), a clobbered `document` method, a dialog, a navigation away, or if anything
 * requested the sentinel URL `/pwned?id=N` from the test server.
 *
 * The payload pages themselves are served sandboxed (no script, no automatic navigation, no
 * loads): the page is hostile only through the DOM the extension reads, so every sentinel
 * hit can come only from an extension page or the exported file.
 */

const payloads = loadPayloads();
// Ten payloads a page keeps the run short on two cores; payloads that would swallow the rest
// of a page get a page of their own, so none hides another (groupPayloads).
const groups = groupPayloads(payloads);
const pageUrl = (i: number): string => `${base}/xss/g${String(i).padStart(2, '0')}/`;
const PAGE_CSP = "sandbox allow-same-origin; default-src 'none'; style-src 'unsafe-inline'";
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

interface Request {
  path: string;
  /** Sec-Fetch-Site / Sec-Fetch-Dest as Chrome sent them, to tell who asked. */
  site: string;
  dest: string;
}

const requests: Request[] = [];
let server: FixtureServer;
let base = '';
let session: ExtensionSession;

function handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  requests.push({
    path: url.pathname + url.search,
    site: String(req.headers['sec-fetch-site'] ?? ''),
    dest: String(req.headers['sec-fetch-dest'] ?? ''),
  });
  // /xss/NNN/: one payload; /xss/gNN/: a group of them.
  const page = /^\/xss\/(g?)(\d+)\/$/.exec(url.pathname);
  const html = !page
    ? undefined
    : page[1]
      ? groups[Number(page[2])] && groupPage(groups[Number(page[2])] ?? [], base)
      : payloads.find((p) => p.id === page[2]) && payloadPage(payloads.find((p) => p.id === page[2]) as Payload, base);
  if (html) {
    // ?raw: without the sandbox, to prove the sentinels fire when something does run them.
    const csp = url.searchParams.has('raw') ? {} : { 'content-security-policy': PAGE_CSP };
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...csp });
    res.end(html);
    return true;
  }
  if (url.pathname === '/pwned') {
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
    return true;
  }
  if (url.pathname === '/pixel.gif') {
    res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(GIF);
    return true;
  }
  return false;
}

const hits = (): Request[] => requests.filter((r) => r.path.startsWith('/pwned'));
const idOfHit = (r: Request): string => new URLSearchParams(r.path.split('?')[1]).get('id') ?? '?';

/** What a payload left in an extension page or the exported file; empty when nothing. */
function traces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const w = window as unknown as { __pwned?: unknown };
    if (w.__pwned !== undefined) found.push(`window.__pwned = ${String(w.__pwned).slice(0, 40)}`);
    const d = document as unknown as Record<string, unknown>;
    for (const name of ['getElementById', 'querySelector', 'createElement'])
      if (typeof d[name] !== 'function') found.push(`document.${name} clobbered`);
    if (typeof d.cookie !== 'string') found.push('document.cookie clobbered');
    return found;
  });
}

/** Links of the reading view that would open without a new tab, or with opener or referrer. */
function unsafeLinks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('article.reading-view a[href], article.reading-view area[href]')]
      .filter((a) => a.getAttribute('target') !== '_blank' || a.getAttribute('rel') !== 'noopener noreferrer')
      .map((a) => a.outerHTML.slice(0, 100)),
  );
}

beforeAll(async () => {
  server = await startFixtureServer(FIXTURES_DIR, { handle });
  base = server.url.replace(/\/$/, '');
  session = await launchExtension({ lang: 'ar' });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('script injection in the real browser', () => {
  it('the sentinels fire when a payload page runs unsandboxed (the listener works)', async () => {
    const page = await session.context.newPage();
    try {
      for (const category of ['script', 'event-handler']) {
        const p = payloads.find((q) => q.category === category && q.where === 'block') as Payload;
        await page.goto(`${base}/xss/${p.id}/?raw`, { waitUntil: 'load' });
        await expect.poll(() => hits().some((h) => idOfHit(h) === p.id)).toBe(true);
        expect(await traces(page)).toEqual([`window.__pwned = ${Number(p.id)}`]);
      }
    } finally {
      await page.close();
      requests.length = 0;
    }
  });

  it('no payload runs in the popup, the reader, the library, the saved article or the exported file', async () => {
    const { context, extensionId } = session;
    const ext = `chrome-extension://${extensionId}`;
    const article = await context.newPage();
    await article.goto(pageUrl(0), { waitUntil: 'load' });
    const tabId = await tabIdOf(context, extensionId, article);
    const [popup, reader, saved, file] = [
      await context.newPage(),
      await context.newPage(),
      await context.newPage(),
      await context.newPage(),
    ];
    const pages = { article, popup, reader, saved, file } as Record<string, Page>;

    // What ran, by page (group) label, e.g. "g07 [061…070]".
    const executed = new Map<string, string[]>();
    const ran = new Set<string>();
    let current = '';
    let members: Payload[] = [];
    const record = (label: string, what: string, id = /__pwned = (\d+)$/.exec(what)?.[1]?.padStart(3, '0')): void => {
      executed.set(label, [...(executed.get(label) ?? []), what]);
      // Which payloads: the id the sentinel names, else the clobbering one, else all of the page.
      const named = members.filter((p) => p.id === id);
      const clobbering = members.filter((p) => p.category === 'clobbering');
      for (const p of named.length ? named : clobbering.length ? clobbering : members) ran.add(p.id);
    };
    for (const [name, page] of Object.entries(pages)) {
      page.on('dialog', (d) => (record(current, `${name}: ${d.type()} dialog`), void d.dismiss()));
      // The extension's CSP (or the file's) stopping a script means the sanitiser let one through.
      page.on('console', (m) => {
        // Images and media the exported file may not load (it is offline by design) are not scripts.
        const text = m.text();
        if (
          name !== 'article' &&
          /Content Security Policy/.test(text) &&
          !/Loading (?:the image|media)|Refused to load the image/.test(text)
        )
          record(current, `${name}: ${text.slice(0, 120)}`);
      });
    }
    await popup.goto(`${ext}/popup.html?tabId=${tabId}`);
    const m = await messagesOf(popup);
    const folder = mkdtempSync(join(tmpdir(), 'naqi-xss-'));
    const lost: string[] = [];
    const links: string[] = [];
    const started = Date.now();

    for (const [i, group] of groups.entries()) {
      members = group;
      current = `g${String(i).padStart(2, '0')} [${group.map((p) => p.id).join(' ')}]`;
      const url = pageUrl(i);
      await article.goto(url, { waitUntil: 'load' });
      if (article.url() !== url) throw new Error(`payload ${current}: the page itself navigated to ${article.url()}`);

      // The popup: extraction in the page's content script, the reading view, Save.
      await popup.goto(`${ext}/popup.html?tabId=${tabId}`);
      const view = popup.locator('article.reading-view');
      if (
        !(await view.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        ))
      ) {
        lost.push(`${current} popup: ${(await popup.innerText('body')).slice(0, 80)}`);
        continue;
      }
      links.push(...(await unsafeLinks(popup)).map((l) => `${current} ${l}`));
      await popup.getByRole('button', { name: m('save'), exact: true }).click();
      await popup.getByText(m('saved')).first().waitFor();

      // The full-tab reader on the same tab, and the saved copy as the library opens it.
      await reader.goto(`${ext}/reader.html?tabId=${tabId}`);
      await reader.locator('article.reading-view').waitFor();
      await saved.goto(`${ext}/reader.html?id=${encodeURIComponent(canonicalId(url))}`);
      await saved.locator('article.reading-view').waitFor();

      // The exported HTML, opened from disk.
      await saved.locator('.reader-menu > summary').click();
      const [download] = await Promise.all([saved.waitForEvent('download'), saved.getByRole('button', { name: m('exportHtml') }).click()]);
      const path = join(folder, `${i}.html`);
      await download.saveAs(path);
      if (/<script/i.test(readFileSync(path, 'utf8'))) record(current, 'exported file contains <script');
      await file.goto(pathToFileURL(path).href, { waitUntil: 'load' });

      for (const [name, page] of Object.entries({ popup, reader, saved, file })) {
        for (const t of await traces(page)) record(current, `${name}: ${t}`);
      }
      for (const [name, page, expected] of [
        ['popup', popup, 'popup.html'],
        ['reader', reader, 'reader.html'],
        ['saved', saved, 'reader.html'],
        ['file', file, 'file://'],
      ] as const) {
        if (!page.url().includes(expected)) record(current, `${name} navigated to ${page.url()}`);
      }
    }

    // The library lists every saved article, offline: no request at all while it is open.
    const before = requests.length;
    const library = await context.newPage();
    library.on('dialog', (d) => (record('library', `library: ${d.type()} dialog`), void d.dismiss()));
    await library.goto(`${ext}/library.html`);
    await library.locator('.library-item').first().waitFor({ timeout: 20_000 });
    // Every title rendered: the list shows 30 at a time, "show more" adds the rest.
    while (await library.locator('.library-more').isVisible()) await library.locator('.library-more').click();
    await expect.poll(() => library.locator('.library-item').count(), { timeout: 20_000 }).toBe(groups.length - lost.length);
    for (const t of await traces(library)) record('library', `library: ${t}`);
    const libraryRequests = requests.slice(before);
    // Open one from the list: the reader gets the same reader.html?id= the loop used.
    const [opened] = await Promise.all([context.waitForEvent('page'), library.locator('.library-title').first().click()]);
    await opened.locator('article.reading-view').waitFor();
    expect(opened.url()).toMatch(
      new RegExp(`^${ext}/reader\\.html\\?id=${encodeURIComponent(`${base}/xss/g`).replace(/[.?]/g, '\\$&')}\\d{2}%2F$`),
    );
    await opened.close();
    await library.close();

    members = payloads;
    for (const h of hits()) record(`request for ${idOfHit(h)}`, `${h.path} (${h.site}, ${h.dest})`, idOfHit(h));
    const tried = groups.reduce((n, g) => n + g.length, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.info(
      `XSS: tried ${tried} payloads on ${groups.length} pages, executed ${ran.size} (${seconds} s; popup, reader, library, saved reader, exported file)`,
    );
    for (const [id, what] of executed) console.info(`  ${id}: ${what.join('; ')}`);
    rmSync(folder, { recursive: true, force: true });

    expect(lost).toEqual([]);
    expect([...executed.entries()]).toEqual([]);
    expect(ran.size).toBe(0);
    expect(links).toEqual([]);
    expect(libraryRequests.map((r) => r.path)).toEqual([]);
  }, 600_000);

  it('the built extension keeps the default MV3 policy: no unsafe-inline, no unsafe-eval', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_security_policy?: unknown;
      externally_connectable?: unknown;
    };
    const csp = JSON.stringify(manifest.content_security_policy ?? '');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
    expect(manifest.externally_connectable).toBeUndefined();

    // In effect: an inline handler and a javascript: link in an extension page are refused.
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/library.html`);
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      // Both refusals are reported (or, failing that, the check gives up after 5 s).
      const reported = new Promise((done) => {
        setTimeout(done, 5_000);
        document.addEventListener('securitypolicyviolation', (e) => {
          violations.push(e.effectiveDirective);
          if (violations.length >= 2) done(undefined);
        });
      });
      const w = window as unknown as { __pwned?: unknown };
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__pwned = 1');
      document.body.append(button);
      button.click();
      const link = document.createElement('a');
      link.href = 'javascript:window.__pwned=2';
      document.body.append(link);
      link.click();
      await reported;
      return { violations, pwned: w.__pwned ?? null };
    });
    expect(result.pwned).toBeNull();
    expect(result.violations.length).toBeGreaterThanOrEqual(2);
    expect(result.violations.every((d) => d.startsWith('script-src'))).toBe(true);
    await page.close();
  });
});
