import { memo } from 'preact/compat';
import type { LibraryEntry } from '../utils/library/schema.ts';
import type { ExportFormat } from '../utils/article/types.ts';
import { readingTimeKey, type Translate, type UiLocale } from '../utils/reader/locale.ts';
import { readerPath } from '../utils/reader/reader-url.ts';
import { closeAfterChoice, menuKeys } from './menu.ts';

export interface LibraryActions {
  onOpen(id: string): void;
  onDelete(id: string): void;
  onSelect(id: string, selected: boolean): void;
  onExport(id: string, format: ExportFormat): void;
}

interface Props {
  entries: readonly LibraryEntry[];
  selected: ReadonlySet<string>;
  ui: UiLocale;
  t: Translate;
  /** Stable across renders (rows are memoised on it). */
  actions: LibraryActions;
}

const EXPORTS: readonly [ExportFormat, 'exportHtml' | 'exportMarkdown' | 'exportText'][] = [
  ['html', 'exportHtml'],
  ['md', 'exportMarkdown'],
  ['txt', 'exportText'],
];

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The save date as a reader writes it, or null for a time no date can show (an old or damaged record). */
function savedDate(time: number, lang: string): { iso: string; text: string } | null {
  const date = new Date(time);
  if (!Number.isFinite(date.getTime())) return null;
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' })));
  return { iso: date.toISOString(), text: format.format(date) };
}

/** Characters of a title shown in the list: a row is one or two lines, however long the stored title. */
const SHOWN_TITLE = 300;

interface RowProps {
  entry: LibraryEntry;
  checked: boolean;
  ui: UiLocale;
  t: Translate;
  actions: LibraryActions;
}

/** One saved article. Memoised: typing in the search box re-renders only rows that changed. */
const Row = memo(function Row({ entry, checked, ui, t, actions }: RowProps) {
  // Every field is treated as possibly damaged: a row that cannot render is a row that cannot be deleted.
  const minutes = Number.isFinite(entry.readingMinutes) ? Math.max(0, Math.round(entry.readingMinutes)) : 0;
  const full = typeof entry.title === 'string' ? entry.title : '';
  const title = full.length > SHOWN_TITLE ? `${full.slice(0, SHOWN_TITLE - 1)}…` : full;
  const date = typeof entry.savedAt === 'number' ? savedDate(entry.savedAt, ui.lang) : null;
  const siteName = typeof entry.siteName === 'string' ? entry.siteName.slice(0, SHOWN_TITLE) : undefined;
  return (
    <li class="library-item">
      <input
        type="checkbox"
        class="library-select"
        checked={checked}
        onChange={(e) => actions.onSelect(entry.id, e.currentTarget.checked)}
        aria-label={t('librarySelectItem', title)}
      />
      <a
        href={readerPath({ id: entry.id })}
        dir="auto"
        lang={entry.lang}
        class="library-title"
        onClick={(e) => (e.preventDefault(), actions.onOpen(entry.id))}
      >
        {title}
      </a>
      <span class="library-meta">
        {siteName && (
          <>
            <bdi lang={entry.lang}>{siteName}</bdi> ·{' '}
          </>
        )}
        {date && (
          <>
            <time dateTime={date.iso}>{date.text}</time> ·{' '}
          </>
        )}
        {t(readingTimeKey(minutes, ui.lang), String(minutes))}
        {entry.imagesRemote > 0 && <> · {t('libraryImagesRemote')}</>}
        {(entry.mediaLinks ?? 0) > 0 && <> · {t('libraryMediaRemote')}</>}
      </span>
      {/* The row's actions in one menu, Delete apart below the files: four equal buttons on every row crowded the list. */}
      <details class="library-actions" onClick={closeAfterChoice} onKeyDown={menuKeys}>
        <summary aria-label={t('libraryItemActions', title)}>⋯</summary>
        <div class="library-menu" role="group">
          {EXPORTS.map(([format, label]) => (
            <button key={format} type="button" onClick={() => actions.onExport(entry.id, format)}>
              {t(label)}
            </button>
          ))}
          <hr />
          <button type="button" class="library-delete" onClick={() => actions.onDelete(entry.id)}>
            {t('libraryDelete')}
          </button>
        </div>
      </details>
    </li>
  );
});

/** Saved articles; each title in its own direction, the details in the interface's. Props in, callbacks out. */
export function LibraryList({ entries, selected, ui, t, actions }: Props) {
  return (
    <ul class="library-list">
      {entries.map((entry) => (
        <Row key={entry.id} entry={entry} checked={selected.has(entry.id)} ui={ui} t={t} actions={actions} />
      ))}
    </ul>
  );
}
