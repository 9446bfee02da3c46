/**
 * The full-tab reader's address, made and read in one place: `reader.html?tabId=N` shows the
 * article of tab N (read live), `reader.html?id=…` a saved article (read from the library).
 * Relative to the extension's root; browser.runtime.getURL('/' + path) makes it absolute.
 */
export type ReaderTarget = { tabId: number } | { id: string };

/** The query that names a target: `tabId=N` or `id=…`. */
export function readerQuery(target: ReaderTarget): string {
  return 'tabId' in target ? `tabId=${target.tabId}` : `id=${encodeURIComponent(target.id)}`;
}

/** The reader's address relative to an extension page (a link's href). */
export function readerPath(target: ReaderTarget): `reader.html?${string}` {
  return `reader.html?${readerQuery(target)}`;
}

/** What a reader page was opened for, from its `location.search`; undefined when it names nothing valid. */
export function readerTarget(search: string): ReaderTarget | undefined {
  const params = new URLSearchParams(search);
  const id = params.get('id');
  if (id) return { id };
  const tabId = Number(params.get('tabId'));
  return Number.isInteger(tabId) && tabId > 0 ? { tabId } : undefined;
}
