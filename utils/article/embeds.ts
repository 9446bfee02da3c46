/**
 * Embedded posts and videos as quoted cards. A page embeds a tweet as a <blockquote> its
 * script turns into a frame, an Instagram post as a blockquote of empty boxes and "View this
 * post on Instagram", a YouTube video as an <iframe>. Without the script the reading view
 * showed a grey quote ending in a garbled «(karim_nasr@» (the handle's parentheses turned by
 * the right-to-left line), Instagram's boilerplate, or nothing (issue 14).
 *
 * Each becomes a card nothing in which loads from the network: the post's own text quoted
 * (when the page has it), then a caption with who posted it, isolated (<bdi>) so a Latin name
 * and handle keep their order in an Arabic line, and a link to the post on its site:
 *
 *   <figure><blockquote cite="…"><p>the post</p></blockquote>
 *   <figcaption><bdi>Name <bdi dir="ltr">@handle</bdi></bdi> · <a href="…"><bdi>X</bdi></a></figcaption></figure>
 *
 * The sanitiser keeps every part of it (no class, no frame, no script); the reading view
 * styles `figure > blockquote` as a card.
 */

interface Card {
  /** The post's own words, as nodes of the page (already the extraction's copy). */
  quote?: Node[];
  name?: string;
  handle?: string;
  /** The platform, as it names itself. */
  site: string;
  url: string;
  /** The post's date or a video's title, as the page wrote it. */
  note?: string;
}

const TWEET_STATUS = /^https?:\/\/(?:(?:www|mobile)\.)?(?:twitter|x)\.com\/(?:#!\/)?(\w{1,15})\/status(?:es)?\/(\d+)/i;
const INSTAGRAM_POST = /^https?:\/\/(?:www\.)?instagram\.com\/(?:[\w.]+\/)?(?:p|reel|tv)\/([\w-]+)/i;
const YOUTUBE_EMBED = /^(?:https?:)?\/\/(?:www\.)?(?:youtube(?:-nocookie)?\.com\/embed\/|youtu\.be\/)([\w-]{11})/i;
const HANDLE = /\(?@([\w.]{1,30})\)?/;

const flat = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** The card's markup, built with DOM calls (text stays text). */
function cardElement(doc: Document, card: Card): Element {
  const figure = doc.createElement('figure');
  const quote = doc.createElement('blockquote');
  quote.setAttribute('cite', card.url);
  if (card.quote && card.quote.some((n) => flat(n.textContent))) quote.append(...card.quote);
  if (quote.childNodes.length > 0) figure.append(quote);
  const caption = doc.createElement('figcaption');
  const parts: Node[] = [];
  const bdi = (text: string, dir?: 'ltr'): Element => {
    const el = doc.createElement('bdi');
    if (dir) el.setAttribute('dir', dir);
    el.textContent = text;
    return el;
  };
  // Name and handle one isolated unit: «Karim Nasr @karim_nasr» reads in its own order in an Arabic line.
  if (card.name || card.handle) {
    const who = doc.createElement('bdi');
    if (card.name) who.append(card.name);
    if (card.name && card.handle) who.append(' ');
    if (card.handle) who.append(bdi(`@${card.handle}`, 'ltr'));
    parts.push(who);
  }
  if (card.note) parts.push(bdi(card.note));
  const link = doc.createElement('a');
  link.setAttribute('href', card.url);
  link.append(bdi(card.site));
  parts.push(link);
  parts.forEach((node, i) => {
    if (i > 0) caption.append(' · ');
    caption.append(node);
  });
  figure.append(caption);
  return figure;
}

/** `<blockquote class="twitter-tweet"><p>…</p>— Name (@handle) <a href="…/status/…">date</a></blockquote>` */
function tweetCard(quote: Element): Card | undefined {
  const links = [...quote.querySelectorAll('a[href]')];
  const status = links.reverse().find((a) => TWEET_STATUS.test(a.getAttribute('href') ?? ''));
  const match = TWEET_STATUS.exec(status?.getAttribute('href') ?? '');
  if (!status || !match) return undefined;
  const words = [...quote.querySelectorAll('p')];
  // The line after the post: "— Name (@handle) date".
  let signature = '';
  for (let n = words.at(-1)?.nextSibling ?? null; n && n !== status; n = n.nextSibling) signature += n.textContent ?? '';
  const name = flat(signature.replace(HANDLE, '').replace(/^[\s—–-]+/, ''));
  const handle = HANDLE.exec(signature)?.[1] ?? match[1];
  return {
    quote: words,
    ...(name ? { name } : {}),
    ...(handle ? { handle } : {}),
    site: 'X (Twitter)',
    url: `https://x.com/${match[1]}/status/${match[2]}`,
    ...(flat(status.textContent) ? { note: flat(status.textContent) } : {}),
  };
}

/** `<blockquote class="instagram-media" data-instgrm-permalink="…">…A post shared by Name (@handle)…</blockquote>` */
function instagramCard(quote: Element): Card | undefined {
  const candidates = [
    quote.getAttribute('data-instgrm-permalink'),
    ...[...quote.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
  ];
  const permalink = candidates.map((href) => INSTAGRAM_POST.exec(href ?? '')).find(Boolean);
  if (!permalink) return undefined;
  const handle = HANDLE.exec(quote.textContent ?? '')?.[1];
  // A captioned embed's caption: a paragraph that is not the "shared by" line.
  const words = [...quote.querySelectorAll('p')].filter((p) => flat(p.textContent) && !HANDLE.test(p.textContent ?? ''));
  return {
    quote: words,
    ...(handle ? { handle } : {}),
    site: 'Instagram',
    url: `https://www.instagram.com/p/${permalink[1]}/`,
  };
}

/** `<iframe src="https://www.youtube.com/embed/ID" title="…">`: a link to the video, not a player. */
function youtubeCard(frame: Element): Card | undefined {
  const id = YOUTUBE_EMBED.exec(frame.getAttribute('src') ?? frame.getAttribute('data-src') ?? '')?.[1];
  if (!id) return undefined;
  const title = flat(frame.getAttribute('title'));
  return {
    site: '▶ YouTube',
    url: `https://www.youtube.com/watch?v=${id}`,
    // "YouTube video player" is the embed code's default title, not the video's.
    ...(title && !/^youtube(?: video)?(?: player)?$/i.test(title) ? { note: title } : {}),
  };
}

/** A tweet the page's script already turned into a frame: its id is all that is left. */
function tweetFrameCard(frame: Element): Card | undefined {
  const id = frame.getAttribute('data-tweet-id') ?? /[?&]id=(\d+)/.exec(frame.getAttribute('src') ?? '')?.[1];
  if (!id || !/^\d+$/.test(id) || !/twitter|tweet/i.test(`${frame.id} ${frame.className} ${frame.getAttribute('src') ?? ''}`))
    return undefined;
  return { site: 'X (Twitter)', url: `https://x.com/i/status/${id}` };
}

/**
 * Replaces the embedded tweets, Instagram posts and YouTube frames under `root` by cards
 * (see the top of this file). Changes `root` (extraction's own copy); returns how many.
 */
export function embedsToCards(root: Element): number {
  const doc = root.ownerDocument;
  let count = 0;
  const replace = (el: Element, card: Card | undefined): void => {
    if (!card) return;
    el.replaceWith(cardElement(doc, card));
    count++;
  };
  for (const quote of [...root.querySelectorAll('blockquote.twitter-tweet, blockquote.twitter-video')]) replace(quote, tweetCard(quote));
  for (const quote of [...root.querySelectorAll('blockquote.instagram-media')]) replace(quote, instagramCard(quote));
  for (const frame of [...root.querySelectorAll('iframe')]) replace(frame, youtubeCard(frame) ?? tweetFrameCard(frame));
  return count;
}
