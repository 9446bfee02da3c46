// @vitest-environment node
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../utils/article/types.ts';
import type { Fetcher } from '../../../utils/library/images.ts';
import { saveWithImages, type SaveDeps } from '../../../utils/library/save.ts';
import { openLibrary, type Library } from '../../../utils/library/store.ts';
import type { StoredImage } from '../../../utils/library/schema.ts';

/** An article with a lead image on its own site, one in the body on a CDN, one on an ad host. */
const article = (over: Partial<Article> = {}): Article => ({
  url: 'https://news.test/2024/souk',
  title: 'إعادة افتتاح سوق الكتب',
  lang: 'ar',
  dir: 'rtl',
  leadImage: { src: 'https://news.test/lead.jpg' },
  contentHtml: '<p>نص</p><img src="https://cdn.test/a.jpg"><img src="https://img.other.test/b.png">',
  textContent: 'نص',
  wordCount: 1,
  readingMinutes: 1,
  removed: [],
  ...over,
});

const JPEG = new Uint8Array([255, 216, 255, 224]);
const image = (type = 'image/jpeg'): Response => new Response(JPEG, { headers: { 'content-type': type } });

const opened: Library[] = [];
afterEach(() => {
  for (const lib of opened.splice(0)) lib.close();
});

async function deps(
  over: Partial<SaveDeps> & { granted?: string[]; pageCan?: string[] } = {},
): Promise<SaveDeps & { extensionFetched: string[]; pageAsked: string[][] }> {
  const library = over.library ?? (await openLibrary(new IDBFactory()));
  opened.push(library);
  const extensionFetched: string[] = [];
  const pageAsked: string[][] = [];
  const fetcher: Fetcher = async (src) => (extensionFetched.push(src), image());
  return {
    library,
    hasOrigin: async (pattern) => (over.granted ?? []).includes(pattern),
    fetch: over.fetch ?? fetcher,
    fetchInPage: async (srcs) => {
      pageAsked.push(srcs);
      const out: Record<string, StoredImage> = {};
      for (const src of srcs) if ((over.pageCan ?? []).includes(src)) out[src] = { type: 'image/jpeg', bytes: JPEG };
      return out;
    },
    savedAt: 1_700_000_000_000,
    extensionFetched,
    pageAsked,
  };
}

describe('saving with images', () => {
  it('hosts Naqi may reach are fetched by the extension, the rest by the page; what neither gets names its host', async () => {
    const d = await deps({ granted: ['https://cdn.test/*'], pageCan: ['https://news.test/lead.jpg'] });
    const result = await saveWithImages(article(), d);
    expect(d.extensionFetched).toEqual(['https://cdn.test/a.jpg']);
    expect(d.pageAsked).toEqual([['https://news.test/lead.jpg', 'https://img.other.test/b.png']]);
    expect(Object.keys(result.record.images).sort()).toEqual(['https://cdn.test/a.jpg', 'https://news.test/lead.jpg']);
    expect(result).toMatchObject({ updated: false, imagesSaved: 2, imagesTotal: 3, imageHosts: ['https://img.other.test/*'] });
  });

  it('once the reader grants the missing host, saving again keeps every image and offers nothing more', async () => {
    const first = await deps({ pageCan: ['https://news.test/lead.jpg'] });
    expect((await saveWithImages(article(), first)).imageHosts).toEqual(['https://cdn.test/*', 'https://img.other.test/*']);
    // Granted: the extension fetches those hosts; the page is not asked for them again.
    const again = await deps({ library: first.library, granted: ['https://cdn.test/*', 'https://img.other.test/*'] });
    const result = await saveWithImages(article(), again);
    expect(again.extensionFetched.sort()).toEqual(['https://cdn.test/a.jpg', 'https://img.other.test/b.png']);
    // The lead image fetched by the page the first time is kept, not lost by this save.
    expect(Object.keys(result.record.images).sort()).toEqual([
      'https://cdn.test/a.jpg',
      'https://img.other.test/b.png',
      'https://news.test/lead.jpg',
    ]);
    expect(result).toMatchObject({ updated: true, imagesSaved: 3, imagesTotal: 3, imageHosts: [] });
    expect(await first.library.count()).toBe(1);
  });

  it('a granted host that fails (down, not an image) is not offered again: asking would not help', async () => {
    const d = await deps({
      granted: ['https://cdn.test/*', 'https://news.test/*', 'https://img.other.test/*'],
      fetch: async () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
    });
    const result = await saveWithImages(article(), d);
    expect(result).toMatchObject({ imagesSaved: 0, imagesTotal: 3, imageHosts: [] });
    expect(d.pageAsked).toEqual([['https://news.test/lead.jpg', 'https://cdn.test/a.jpg', 'https://img.other.test/b.png']]);
  });

  it('offers only public web hosts: never a private, loopback, link-local or local-network one (issue 12)', async () => {
    const local = [
      'http://192.168.1.1/router.png',
      'http://10.0.0.7/a.png',
      'http://172.20.1.1/a.png',
      'http://127.0.0.1:8080/a.png',
      'http://3232235777/decimal.png', // 192.168.1.1 written as one number
      'http://169.254.169.254/latest/meta-data.png',
      'http://100.64.0.1/cgnat.png',
      'http://[::1]/a.png',
      'http://[fe80::1]/a.png',
      'http://[fd00::5]/a.png',
      'http://[::ffff:192.168.0.1]/a.png',
      'http://localhost/a.png',
      'http://printer.local/a.png',
      'http://nas.home.arpa/a.png',
      'http://router/a.png',
      'http://app.localhost/a.png',
    ];
    const contentHtml = `<p>نص</p>${local.map((src) => `<img src="${src}">`).join('')}<img src="https://cdn.test/a.jpg"><img src="http://93.184.215.14/b.png">`;
    const d = await deps();
    const result = await saveWithImages(article({ contentHtml }), d);
    expect(result.imageHosts).toEqual(['https://news.test/*', 'https://cdn.test/*', 'http://93.184.215.14/*']);
  });

  it('an article without images saves without asking anyone', async () => {
    const d = await deps();
    const result = await saveWithImages(article({ leadImage: undefined, contentHtml: '<p>نص</p>' }), d);
    expect(result).toMatchObject({ imagesSaved: 0, imagesTotal: 0, imageHosts: [] });
    expect(d.extensionFetched).toEqual([]);
    expect(d.pageAsked).toEqual([]);
  });
});
