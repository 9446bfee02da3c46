import type { LibraryRecord } from '../utils/library/store.ts';
import type { Translate } from './ReadingView.tsx';

export interface LibraryItem {
  id: string;
  title: string;
  siteName?: string;
  dir: 'rtl' | 'ltr';
  lang: string;
  readingMinutes: number;
  savedAt: number;
}

export const toItem = (r: LibraryRecord): LibraryItem => ({
  id: r.id,
  title: r.article.title,
  ...(r.article.siteName ? { siteName: r.article.siteName } : {}),
  dir: r.article.dir,
  lang: r.article.lang,
  readingMinutes: r.article.readingMinutes,
  savedAt: r.savedAt,
});

interface Props {
  items: LibraryItem[];
  t: Translate;
  onOpen(id: string): void;
  onDelete(id: string): void;
}

/** Saved articles, newest first; each title in its own direction. Props in, callbacks out. */
export function LibraryList({ items, t, onOpen, onDelete }: Props) {
  return (
    <ul class="library-list">
      {items.map((item) => (
        <li key={item.id} class="library-item">
          <a href={`reader.html?id=${encodeURIComponent(item.id)}`} dir={item.dir} lang={item.lang} class="library-title" onClick={(e) => (e.preventDefault(), onOpen(item.id))}>
            {item.title}
          </a>
          <span class="library-meta">
            <bdi>{item.siteName ?? ''}</bdi> · {new Date(item.savedAt).toLocaleDateString(document.documentElement.lang)}
          </span>
          <button type="button" onClick={() => onDelete(item.id)}>
            {t('libraryDelete')}
          </button>
        </li>
      ))}
    </ul>
  );
}
