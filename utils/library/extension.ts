import type { Article } from '../article/types.ts';
import { canonicalId, openLibrary, type Library } from './store.ts';

/** The library of this extension's origin, shared by the popup, the reader and library.html. */
export function openExtensionLibrary(): Promise<Library> {
  return openLibrary(indexedDB);
}

/** Saves (or updates) an article; says which. */
export async function saveArticle(article: Article): Promise<{ updated: boolean }> {
  const library = await openExtensionLibrary();
  try {
    const updated = (await library.get(canonicalId(article.url))) !== undefined;
    await library.save(article);
    return { updated };
  } finally {
    library.close();
  }
}
