import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/article/extract.ts';
import { sanitizeHtml } from '../../../utils/article/sanitize.ts';
import { entryOf, imageSources } from '../../../utils/library/derived.ts';
import { parsePage } from '../helpers/fixtures.ts';

/**
 * Issue 12, "offline saved articles still contact trackers": each opening of a saved copy
 * fetched a <video poster>, <video src>, <source> and <track>, and the library said nothing.
 * Media is now a poster image (kept with the article like any image) and a link, and the
 * library counts both.
 */

const URL = 'https://news.test/2024/05/flood-report';
const P = (n: number): string =>
  `<p>Paragraph ${n}: the river rose two metres overnight, and the town council opened the school gym to families from the lower streets while the roads were closed.</p>`;

function page(media: string): Document {
  return parsePage(
    `<html lang="en"><head><title>Flood report</title></head><body><article><h1>Flood report from the river towns</h1>${P(1)}${P(2)}${P(3)}${media}${P(4)}${P(5)}</article></body></html>`,
    URL,
  );
}

const MEDIA = `
  <video src="https://tracker.test/v/clip.mp4" poster="https://tracker.test/poster.jpg" controls><track src="https://tracker.test/subs.vtt" kind="subtitles">Your browser cannot play this.</video>
  <video poster="https://cdn.test/p2.jpg"><source src="https://tracker.test/v/second.webm" type="video/webm"><source src="https://tracker.test/v/second.mp4" type="video/mp4"></video>
  <audio controls><source src="https://tracker.test/a/interview.mp3" type="audio/mpeg"></audio>
  <audio src="/relative/podcast.ogg"></audio>`;

describe('media in an article', () => {
  it('becomes a poster image and a link: nothing in the body plays or loads media from the network', () => {
    const article = extractArticle(page(MEDIA), URL);
    expect(article).not.toBeNull();
    const body = new JSDOM(`<body>${article!.contentHtml}`).window.document.body;
    expect(body.querySelectorAll('video, audio, source, track, [poster]')).toHaveLength(0);
    expect([...body.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([
      'https://tracker.test/poster.jpg',
      'https://cdn.test/p2.jpg',
    ]);
    expect([...body.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.getAttribute('type'), a.textContent])).toEqual([
      ['https://tracker.test/v/clip.mp4', 'video/*', '▶ tracker.test/…/clip.mp4'],
      ['https://tracker.test/v/second.webm', 'video/webm', '▶ tracker.test/…/second.webm'],
      ['https://tracker.test/a/interview.mp3', 'audio/mpeg', '♪ tracker.test/…/interview.mp3'],
      ['https://news.test/relative/podcast.ogg', 'audio/*', '♪ news.test/…/podcast.ogg'],
    ]);
    expect(article!.textContent).toContain('Paragraph 5');
  });

  it('the library counts every resource the reading view would fetch or link: posters as images, media as links', () => {
    const article = extractArticle(page(MEDIA), URL)!;
    expect(imageSources(article)).toEqual(['https://tracker.test/poster.jpg', 'https://cdn.test/p2.jpg']);
    const entry = entryOf({ id: URL, url: URL, article, savedAt: Date.UTC(2025, 0, 1), images: {} });
    expect(entry).toMatchObject({ imagesSaved: 0, imagesRemote: 2, mediaLinks: 4 });
  });

  it('an older saved copy that still holds media shows none of it: the view sanitiser forbids it', () => {
    const { window } = new JSDOM('');
    const html = sanitizeHtml(
      `<p>text</p>${MEDIA}<picture><source srcset="https://tracker.test/s.webp"><img src="https://news.test/i.jpg"></picture>`,
      window as never,
    );
    const body = new JSDOM(`<body>${html}`).window.document.body;
    expect(body.querySelectorAll('video, audio, source, track, picture, [poster], [srcset]')).toHaveLength(0);
    expect(html).not.toContain('tracker.test');
    expect(body.textContent).toContain('text');
  });
});
