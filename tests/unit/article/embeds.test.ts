import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { embedsToCards } from '../../../utils/article/embeds.ts';
import { sanitizeHtml, type PurifyWindow } from '../../../utils/article/sanitize.ts';

const TWEET =
  '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The bridge opens on Saturday. <a href="https://t.co/x1">pic.twitter.com/x1</a></p>' +
  '&mdash; Dana Levi (@danalevi) <a href="https://twitter.com/danalevi/status/1111111111111111111?ref_src=twsrc">May 3, 2023</a></blockquote>' +
  '<script async src="https://platform.twitter.com/widgets.js"></script>';
const INSTAGRAM =
  '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/reel/Cx1yZ_ab/?utm_source=ig_embed">' +
  '<div><a href="https://www.instagram.com/reel/Cx1yZ_ab/"><div>View this post on Instagram</div></a>' +
  '<p><a href="https://www.instagram.com/reel/Cx1yZ_ab/">Une publication partagée par Musée (@musee.local)</a></p></div></blockquote>';
const YOUTUBE = '<iframe src="https://www.youtube-nocookie.com/embed/aBcDeFgHiJk?rel=0" title="YouTube video player"></iframe>';
const TWEET_FRAME =
  '<iframe id="twitter-widget-0" class="twitter-tweet" data-tweet-id="2222222222" src="https://platform.twitter.com/embed/Tweet.html?id=2222222222"></iframe>';

function cards(html: string): { count: number; body: Element; window: JSDOM['window'] } {
  const { window } = new JSDOM(`<body><div id="c">${html}</div></body>`);
  const body = window.document.getElementById('c') as Element;
  return { count: embedsToCards(body), body, window };
}

const caption = (figure: Element | null | undefined): string =>
  (figure?.querySelector('figcaption')?.textContent ?? '').replace(/\s+/g, ' ');

describe('embedsToCards', () => {
  it('quotes a tweet and names its author and handle apart, without the parentheses a right-to-left line turns', () => {
    const { count, body } = cards(TWEET);
    expect(count).toBe(1);
    const figure = body.querySelector('figure');
    expect(figure?.querySelector('blockquote')?.getAttribute('cite')).toBe('https://x.com/danalevi/status/1111111111111111111');
    expect(figure?.querySelector('blockquote p')?.textContent).toBe('The bridge opens on Saturday. pic.twitter.com/x1');
    expect(caption(figure)).toBe('Dana Levi @danalevi · May 3, 2023 · X (Twitter)');
    // Name and handle isolated as one unit, the handle left to right inside it.
    expect([...(figure?.querySelectorAll('figcaption > bdi') ?? [])].map((b) => b.textContent)).toEqual([
      'Dana Levi @danalevi',
      'May 3, 2023',
    ]);
    expect(figure?.querySelector('figcaption > bdi > bdi[dir="ltr"]')?.textContent).toBe('@danalevi');
    expect(figure?.querySelector('figcaption a')?.getAttribute('href')).toBe('https://x.com/danalevi/status/1111111111111111111');
    // The widget script stays for the script remover; the quote's own class is gone with it.
    expect(body.querySelector('.twitter-tweet')).toBeNull();
  });

  it('turns an Instagram embed into its handle and a link, leaving its boilerplate behind', () => {
    const { body } = cards(INSTAGRAM);
    expect(caption(body.querySelector('figure'))).toBe('@musee.local · Instagram');
    expect(body.querySelector('figure a')?.getAttribute('href')).toBe('https://www.instagram.com/p/Cx1yZ_ab/');
    expect(body.textContent).not.toContain('View this post');
  });

  it('makes a YouTube frame a link to the video, and a tweet already turned into a frame a link to the post', () => {
    const { count, body } = cards(`${YOUTUBE}<p>text</p>${TWEET_FRAME}`);
    expect(count).toBe(2);
    expect(body.querySelector('iframe')).toBeNull();
    const [video, tweet] = [...body.querySelectorAll('figure')];
    // The embed code's default title is not the video's.
    expect(caption(video)).toBe('▶ YouTube');
    expect(video?.querySelector('a')?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=aBcDeFgHiJk');
    expect(tweet?.querySelector('a')?.getAttribute('href')).toBe('https://x.com/i/status/2222222222');
  });

  it('leaves other frames and quotes alone', () => {
    const { count, body } = cards('<blockquote><p>A quote</p></blockquote><iframe src="https://maps.example/embed?x=1"></iframe>');
    expect(count).toBe(0);
    expect(body.querySelector('blockquote')?.textContent).toBe('A quote');
    expect(body.querySelector('iframe')).not.toBeNull();
  });

  it('keeps the card whole through the sanitiser the reading view runs', () => {
    const { body, window } = cards(TWEET + YOUTUBE);
    const clean = new JSDOM(`<body>${sanitizeHtml(body.innerHTML, window as unknown as PurifyWindow, { localOnly: true })}</body>`).window
      .document;
    expect(clean.querySelectorAll('figure > blockquote[cite] + figcaption')).toHaveLength(1);
    expect(clean.querySelectorAll('figcaption bdi')).toHaveLength(5);
    expect([...clean.querySelectorAll('figcaption a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://x.com/danalevi/status/1111111111111111111',
      'https://www.youtube.com/watch?v=aBcDeFgHiJk',
    ]);
    expect(clean.querySelector('iframe, script')).toBeNull();
  });
});
