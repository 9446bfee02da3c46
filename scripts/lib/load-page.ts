/**
 * Reading saved pages from disk and turning them into jsdom Documents, for the
 * node entry points (extract CLI, bench). Never runs page scripts, never loads
 * resources, never prints the page's console or CSS errors.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';

/** An input that cannot be read or parsed. `reason` is one line, without the file name. */
export class PageError extends Error {
  readonly page: string;
  readonly reason: string;

  constructor(verb: 'read' | 'parse', page: string, reason: string) {
    const line = oneLine(reason);
    super(`cannot ${verb} ${page}: ${line}`);
    this.name = 'PageError';
    this.page = page;
    this.reason = line;
  }
}

export interface LoadedPage {
  html: string;
  /** The encoding the bytes were decoded with (a WHATWG label, e.g. "utf-8", "windows-1256"). */
  encoding: string;
}

export interface ParsedPage {
  doc: Document;
  /** The URL the document was given: the explicit one, else canonical / og:url, else the fallback. */
  url: string;
  /** Frees the jsdom window; call it when done with `doc` in long batch runs. */
  close: () => void;
}

export interface ParseOptions {
  /** Name used in error messages (a path); defaults to the URL. */
  name?: string;
  /**
   * Retry once with <style> elements removed when jsdom throws (default true).
   * Tests turn it off to see the raw failure.
   */
  retryWithoutStyles?: boolean;
}

const SNIFF_BYTES = 2048;

/** Reads a page, gunzipping `.gz` (or any gzip data) and decoding it by BOM / meta charset. */
export async function loadPage(path: string): Promise<LoadedPage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new PageError('read', path, fsReason(err));
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new PageError('read', path, `bad gzip data (${errorText(err)})`);
    }
  } else if (path.endsWith('.gz')) {
    throw new PageError('read', path, 'not gzip data');
  }
  const { html, encoding } = decodeHtml(bytes);
  if (looksBinary(html)) throw new PageError('read', path, 'binary data, not an HTML page');
  return { html, encoding };
}

/**
 * Decodes page bytes: BOM first, then the charset declared in the first 2 KB, else UTF-8 —
 * checked against the bytes, because declarations lie (a template's windows-1256 over UTF-8
 * text, a UTF-8 header over bytes never re-encoded):
 *   - declared (or defaulted) UTF-8 whose bytes are mostly not UTF-8: the legacy code page whose
 *     letters the bytes spell (windows-1256 Arabic script, windows-1255 Hebrew, else windows-1252);
 *   - a declared legacy code page over bytes that are valid UTF-8 with multi-byte characters:
 *     UTF-8 (legacy text is practically never valid multi-byte UTF-8 by chance).
 */
export function decodeHtml(bytes: Uint8Array): LoadedPage {
  const bom = sniffBom(bytes);
  if (bom) {
    const html = decode(bytes.subarray(bom.length), bom.encoding);
    return { html, encoding: bom.encoding };
  }
  const declared = sniffMetaCharset(bytes) ?? 'utf-8';
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const { invalid, multibyte } = utf8Evidence(utf8);
  if (declared === 'utf-8') {
    if (invalid === 0 || invalid <= multibyte) return { html: utf8, encoding: 'utf-8' };
    const encoding = guessLegacy(bytes);
    return { html: decode(bytes, encoding), encoding };
  }
  if (invalid === 0 && multibyte > 0) return { html: utf8, encoding: 'utf-8' };
  return { html: decode(bytes, declared), encoding: declared };
}

/**
 * windows-1252 bytes 0x80–0x9F as the Encoding Standard maps them (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž
 * ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); the five bytes it leaves undefined stay C1 controls.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

/**
 * TextDecoder, except windows-1252 (also what the labels latin1, iso-8859-1 and ascii mean):
 * Node 20's decoder reads it as ISO-8859-1, turning the curly quotes and dashes of old pages
 * into C1 control characters. The C1 characters left after decoding are mapped as the standard
 * says (on a runtime that decodes it right, none are left to map).
 */
export function decode(bytes: Uint8Array, encoding: string): string {
  const decoder = new TextDecoder(encoding);
  const text = decoder.decode(bytes);
  if (decoder.encoding !== 'windows-1252') return text;
  return text.replace(C1, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Replacement characters (bytes that are not UTF-8) against well-formed non-ASCII characters. */
function utf8Evidence(text: string): { invalid: number; multibyte: number } {
  let invalid = 0;
  let multibyte = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) invalid++;
    else if (c >= 0x80 && (c < 0xdc00 || c > 0xdfff)) multibyte++;
  }
  return { invalid, multibyte };
}

const LEGACY: readonly { encoding: string; letters: RegExp }[] = [
  { encoding: 'windows-1256', letters: /[\u0621-\u064A\u067E\u0686\u0698\u06AF\u06A9\u06CC]/g },
  { encoding: 'windows-1255', letters: /[\u05D0-\u05EA]/g },
];

/** The code page in which the bytes spell the most letters of its script; windows-1252 otherwise. */
function guessLegacy(bytes: Uint8Array): string {
  let best = { encoding: 'windows-1252', letters: 20 };
  for (const { encoding, letters } of LEGACY) {
    const count = decode(bytes, encoding).match(letters)?.length ?? 0;
    if (count > best.letters) best = { encoding, letters: count };
  }
  return best.encoding;
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

const META_RE = /<meta\b[^>]*>/gi;
const CHARSET_ATTR_RE = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i;
const HTTP_EQUIV_RE = /\bhttp-equiv\s*=\s*["']?\s*content-type/i;
const CONTENT_CHARSET_RE = /\bcontent\s*=\s*(?:"[^"]*?|'[^']*?|[^\s>]*?)charset\s*=\s*["']?\s*([^\s"'>;]+)/i;

/**
 * The charset named by `<meta charset>` or `<meta http-equiv="content-type" content="…charset=…">`
 * in the first 2 KB, as a label TextDecoder accepts; null when absent or unknown.
 * As the HTML spec says, a declared UTF-16 means UTF-8 (a page that could be read as ASCII is not UTF-16).
 */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  for (const tag of head.match(META_RE) ?? []) {
    let label: string | undefined;
    if (HTTP_EQUIV_RE.test(tag)) label = CONTENT_CHARSET_RE.exec(tag)?.[1];
    else if (!/\bcontent\s*=/i.test(tag)) label = CHARSET_ATTR_RE.exec(tag)?.[1];
    if (!label) continue;
    const encoding = normaliseLabel(label);
    if (encoding) return encoding;
  }
  return null;
}

function normaliseLabel(label: string): string | null {
  let encoding: string;
  try {
    encoding = new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null; // unknown label: ignore it, as browsers do
  }
  return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
}

/** NUL bytes or many control characters in the first 8 KB: not a text page. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) control++;
  }
  return control / sample.length > 0.1;
}

/** Parses HTML into a jsdom Document (no scripts, no resource loading, page errors swallowed). */
export function parseDocument(html: string, url: string, options: ParseOptions = {}): Document {
  return parsePage(html, { ...options, url }).doc;
}

/**
 * Parses a page. Without `url`, the document gets the page's canonical link or og:url
 * (absolute http(s) only), else `fallbackUrl`.
 */
export function parsePage(html: string, options: ParseOptions & { url?: string; fallbackUrl?: string }): ParsedPage {
  const initialUrl = options.url ?? options.fallbackUrl ?? 'about:blank';
  const name = options.name ?? initialUrl;
  const dom = buildDom(html, initialUrl, name, options.retryWithoutStyles ?? true);
  let url = initialUrl;
  if (!options.url) {
    const declared = declaredUrl(dom.window.document);
    if (declared && declared !== initialUrl) {
      dom.reconfigure({ url: declared });
      url = declared;
    }
  }
  return { doc: dom.window.document, url, close: () => dom.window.close() };
}

function buildDom(html: string, url: string, name: string, retry: boolean): JSDOM {
  try {
    return newDom(html, url);
  } catch (first) {
    if (!retry || !/<style\b/i.test(html)) throw new PageError('parse', name, errorText(first));
    // jsdom 29 parses every <style> block with css-tree while building the tree and throws on
    // some real-world CSS (e.g. an unclosed `calc(`), which loses the whole page. The reading
    // view does not need the page's CSS, so try once more with the <style> elements cut out
    // of the HTML string (a regex, not a parser: good enough for a retry).
    try {
      return newDom(html.replace(STYLE_RE, ''), url);
    } catch (second) {
      throw new PageError('parse', name, errorText(second));
    }
  }
}

// Unclosed <style> runs to the end of the document, as the HTML parser would read it.
const STYLE_RE = /<style\b[^>]*>[\s\S]*?(?:<\/style[^>]*>|$)/gi;

function newDom(html: string, url: string): JSDOM {
  const virtualConsole = new VirtualConsole();
  // No forwarding: page console output and jsdom's own CSS / script errors are dropped.
  virtualConsole.on('jsdomError', () => {});
  return new JSDOM(html, { url, virtualConsole, contentType: 'text/html' });
}

function declaredUrl(doc: Document): string | null {
  const candidates = [
    doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url" i][content]')?.getAttribute('content'),
  ];
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (!value) continue;
    try {
      const parsed = new URL(value);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
    } catch {
      // relative or malformed: not usable as a document URL
    }
  }
  return null;
}

function fsReason(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return errorText(err);
  }
}

/** An error as one short line. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return oneLine(text);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim() || 'unknown error';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
