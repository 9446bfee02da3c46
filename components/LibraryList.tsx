import type { LibraryEntry } from '../utils/library/store.ts';
import type { ExportFormat } from './ExportButtons.tsx';
import { readingTimeKey, type Translate, type UiLocale } from './ReadingView.tsx';

interface Props {
  entries: readonly LibraryEntry[];
  selected: ReadonlySet<string>;
  ui: UiLocale;
  t: Translate;
  onOpen(id: string): void;
  onDelete(id: string): void;
  onSelect(id: string, selected: boolean): void;
  onExport(id: string, format: ExportFormat): void;
}

const EXPORTS: readonly [ExportFormat, 'exportHtml' | 'exportMarkdown' | 'exportText'][] = [
  ['html', 'exportHtml'],
  ['md', 'exportMarkdown'],
  ['txt', 'exportText'],
];

/** Saved articles; each title in its own direction, the details in the interface's. Props in, callbacks out. */
export function LibraryList({ entries, selected, ui, t, onOpen, onDelete, onSelect, onExport }: Props) {
  const dateFormat = new Intl.DateTimeFormat(ui.lang, { dateStyle: 'medium' });
  return (
    <ul class="library-list">
      {entries.map((entry) => {
        const minutes = Math.max(0, Math.round(entry.readingMinutes));
        return (
          <li key={entry.id} class="library-item">
            <input
              type="checkbox"
              class="library-select"
              checked={selected.has(entry.id)}
              onChange={(e) => onSelect(entry.id, e.currentTarget.checked)}
              aria-label={t('librarySelectItem', entry.title)}
            />
            <a
              href={`reader.html?id=${encodeURIComponent(entry.id)}`}
              dir="auto"
              lang={entry.lang}
              class="library-title"
              onClick={(e) => (e.preventDefault(), onOpen(entry.id))}
            >
              {entry.title}
            </a>
            <span class="library-meta">
              {entry.siteName && (
                <>
                  <bdi lang={entry.lang}>{entry.siteName}</bdi> ·{' '}
                </>
              )}
              <time dateTime={new Date(entry.savedAt).toISOString()}>{dateFormat.format(entry.savedAt)}</time> · {t(readingTimeKey(minutes, ui.lang), String(minutes))}
              {entry.imagesRemote > 0 && <> · {t('libraryImagesRemote')}</>}
            </span>
            <span class="library-actions">
              {EXPORTS.map(([format, label]) => (
                <button key={format} type="button" onClick={() => onExport(entry.id, format)}>
                  {t(label)}
                </button>
              ))}
              <button type="button" onClick={() => onDelete(entry.id)}>
                {t('libraryDelete')}
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
