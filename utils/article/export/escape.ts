/**
 * Escaping for every file Naqi writes: HTML text and attributes, Markdown inline text and
 * link destinations, YAML scalars. One set, used by the exporter and the CLI.
 */

/** HTML text: `&`, `<`, `>`. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** HTML attribute values, single or double quoted. */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Characters that would start Markdown inline syntax (or raw HTML) in text. */
export function escapeMdInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}

/**
 * A link or image address as a Markdown destination: every character that could end it or
 * start markup there (space, quotes, brackets, parentheses, backslash, backtick, controls)
 * percent-encoded, so the destination is one token in every renderer.
 */
export function markdownDestination(url: string): string {
  return url.trim().replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029\s"'<>()[\]\\`]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
  });
}

/**
 * A YAML scalar: JSON strings are YAML double-quoted strings. U+2028/9 are escaped, and so
 * are "<" and "[ ]", so a renderer that shows front matter as Markdown finds no HTML or link in it.
 */
export function yaml(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029<[\]]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A URL with percent-encoded non-ASCII text decoded for people (Arabic slugs stay readable). */
export function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
