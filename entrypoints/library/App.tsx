import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { LibraryList, toItem, type LibraryItem } from '@/components/LibraryList';
import { t } from '@/utils/i18n';
import { exportLibrary, importLibrary } from '@/utils/library/backup';
import { openExtensionLibrary } from '@/utils/library/extension';
import { rankRecords } from '@/utils/library/search';
import type { LibraryRecord } from '@/utils/library/store';

/** library.html: saved articles, Arabic-aware search as you type, delete with undo, backup. Data and wiring only. */
export function App() {
  const [records, setRecords] = useState<LibraryRecord[]>([]);
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<{ text: string; undo?: LibraryRecord }>();

  const reload = useCallback(async () => {
    const library = await openExtensionLibrary();
    setRecords(await library.list().finally(() => library.close()));
  }, []);
  useEffect(() => void reload(), [reload]);

  const byId = new Map(records.map((r) => [r.id, r]));
  const shown: LibraryItem[] = query.trim()
    ? rankRecords(records, query).flatMap((id) => (byId.has(id) ? [toItem(byId.get(id)!)] : []))
    : records.map(toItem);

  const withLibrary = async <T,>(work: (lib: Awaited<ReturnType<typeof openExtensionLibrary>>) => Promise<T>): Promise<T> => {
    const library = await openExtensionLibrary();
    try {
      return await work(library);
    } finally {
      library.close();
    }
  };
  const remove = async (id: string): Promise<void> => {
    const record = await withLibrary((lib) => lib.delete(id));
    if (record) setNotice({ text: t('libraryDeleted', record.article.title), undo: record });
    await reload();
  };
  const undo = async (record: LibraryRecord): Promise<void> => {
    await withLibrary((lib) => lib.restore(record));
    setNotice(undefined);
    await reload();
  };
  const backup = async (): Promise<void> => {
    const text = await withLibrary((lib) => exportLibrary(lib));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `naqi-library-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const restoreBackup = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    try {
      const { added, updated } = await withLibrary(async (lib) => importLibrary(lib, await file.text()));
      setNotice({ text: t('libraryImported', [String(added), String(updated)]) });
    } catch (error) {
      setNotice({ text: t('libraryError', error instanceof Error ? error.message : String(error)) });
    }
    await reload();
  };
  const open = (id: string): void => void browser.tabs.create({ url: `${browser.runtime.getURL('/reader.html')}?id=${encodeURIComponent(id)}` });

  return (
    <main class="reader-page library-page theme-system">
      <h1>{t('libraryTitle')}</h1>
      <div class="library-tools">
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder={t('librarySearch')} aria-label={t('librarySearch')} dir="auto" />
        <button type="button" onClick={() => void backup()}>
          {t('libraryExport')}
        </button>
        <label class="library-import">
          {t('libraryImport')}
          <input type="file" accept="application/json,.json" onChange={(e) => void restoreBackup(e.currentTarget.files?.[0])} />
        </label>
      </div>
      {notice && (
        <p class="library-notice" role="status">
          {notice.text}{' '}
          {notice.undo && (
            <button type="button" onClick={() => void undo(notice.undo!)}>
              {t('libraryUndo')}
            </button>
          )}
        </p>
      )}
      {shown.length > 0 ? (
        <LibraryList items={shown} t={t} onOpen={open} onDelete={(id) => void remove(id)} />
      ) : (
        <p class="reader-status">{t(records.length === 0 ? 'libraryEmpty' : 'libraryNoMatch')}</p>
      )}
    </main>
  );
}
