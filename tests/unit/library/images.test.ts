// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../utils/article/sanitize.ts';
import { dataUris, fetchImages, IMAGE_LIMITS, originPatterns, toDataUri, type Fetcher } from '../../../utils/library/images.ts';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);

/** A fake network: src → response; anything else is a network error. */
function network(routes: Record<string, () => Response | Promise<Response>>): Fetcher & { seen: RequestInit[] } {
  const seen: RequestInit[] = [];
  const fetcher = async (src: string, init: RequestInit): Promise<Response> => {
    seen.push(init);
    const route = routes[src];
    if (!route) throw new TypeError('Failed to fetch');
    return route();
  };
  return Object.assign(fetcher, { seen });
}
const image = (bytes: Uint8Array<ArrayBuffer>, type = 'image/png'): Response => new Response(bytes, { headers: { 'content-type': type } });

describe('fetching images at save time', () => {
  it('keeps images, and names the ones that failed: network errors, 404, HTML error pages', async () => {
    const net = network({
      'https://img.test/a.png': () => image(PNG),
      'https://img.test/b.jpg': () => image(new Uint8Array([255, 216, 255]), 'image/jpeg; charset=binary'),
      'https://img.test/404.png': () => new Response('no', { status: 404 }),
      'https://img.test/login': () => new Response('<html>sign in</html>', { headers: { 'content-type': 'text/html' } }),
    });
    const { images, failed } = await fetchImages(
      ['https://img.test/a.png', 'https://img.test/b.jpg', 'https://img.test/404.png', 'https://img.test/login', 'https://down.test/x.png'],
      net,
    );
    expect(Object.keys(images).sort()).toEqual(['https://img.test/a.png', 'https://img.test/b.jpg']);
    expect(images['https://img.test/b.jpg']?.type).toBe('image/jpeg');
    expect(Array.from(images['https://img.test/a.png']?.bytes ?? [])).toEqual(Array.from(PNG));
    expect(failed.sort()).toEqual(['https://down.test/x.png', 'https://img.test/404.png', 'https://img.test/login']);
    // Nothing about the reader goes to the image host.
    expect(net.seen.every((init) => init.credentials === 'omit' && init.referrerPolicy === 'no-referrer')).toBe(true);
  });

  it('stays within the limits: image count, size of one, total size; a stalled host times out', async () => {
    const limits = { ...IMAGE_LIMITS, maxImages: 3, maxBytes: 10, maxTotalBytes: 16, timeoutMs: 50 };
    const net = network({
      'https://img.test/1': () => image(PNG),
      'https://img.test/2': () => image(PNG),
      'https://img.test/big': () => image(new Uint8Array(11)),
      'https://img.test/4': () => image(PNG),
    });
    const first = await fetchImages(
      ['https://img.test/1', 'https://img.test/2', 'https://img.test/big', 'https://img.test/4'],
      net,
      limits,
    );
    expect(Object.keys(first.images).sort()).toEqual(['https://img.test/1', 'https://img.test/2']);
    expect(first.failed.sort()).toEqual(['https://img.test/4', 'https://img.test/big']);
    const over = await fetchImages(['https://img.test/1', 'https://img.test/2', 'https://img.test/4'], net, {
      ...limits,
      maxTotalBytes: 12,
    });
    expect(Object.keys(over.images)).toHaveLength(1);
    // A host that never answers, and ignores the abort.
    const stalled = network({ 'https://img.test/stall': () => new Promise<Response>(() => undefined) });
    const started = Date.now();
    expect((await fetchImages(['https://img.test/stall'], stalled, limits)).failed).toEqual(['https://img.test/stall']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('asks for the hosts of web images only, once each', () => {
    expect(
      originPatterns([
        'https://img.test/a.png',
        'https://img.test/b.png?x',
        'http://cdn.test:8080/c.jpg',
        'data:image/png;base64,AA',
        'nonsense',
      ]),
    ).toEqual(['https://img.test/*', 'http://cdn.test/*']);
  });
});

describe('stored images in the reading view', () => {
  it('the sanitiser puts the saved copy in place of the web address, and only a data:image URI', () => {
    const uri = toDataUri({ type: 'image/png', bytes: PNG });
    expect(uri).toBe('data:image/png;base64,iVBORw0KGgo=');
    const html = '<p>نص</p><img src="https://img.test/a.png" onerror="alert(1)"><img src="https://img.test/b.png">';
    const clean = sanitizeHtml(html, window, {
      images: { 'https://img.test/a.png': uri, 'https://img.test/b.png': 'javascript:alert(1)' },
    });
    expect(clean).toContain(`src="${uri}"`);
    expect(clean).toContain('src="https://img.test/b.png"');
    expect(clean).not.toMatch(/onerror|javascript:/);
    // The next call without images leaves web addresses alone.
    expect(sanitizeHtml(html, window)).not.toContain('data:');
    expect(dataUris({ 'https://img.test/a.png': { type: 'image/png', bytes: PNG } })).toEqual({ 'https://img.test/a.png': uri });
  });
});
