import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import type { ExportFormat } from '@/utils/article/types';
import { LibraryList, type LibraryActions } from '@/components/LibraryList';
import type { UiLocale } from '@/utils/reader/locale';
import { readerUrl } from '@/utils/browser/tabs';
import { downloadArticle, downloadText } from '@/utils/browser/download';
import { t } from '@/utils/browser/i18n';
import { exportLibrary, importLibrary } from '@/utils/library/backup';
import { withLibrary } from '@/utils/browser/library';
import { BACKUP_MAX_BYTES } from '@/utils/library/validate';
import { clipText } from '@/utils/article/bounds';
import { dataUris } from '@/utils/library/images';
import { SearchIndex } from '@/utils/library/search';
import type { LibraryEntry, SearchEntry } from '@/utils/library/schema';
import { SyncPanel, type SyncFields } from '@/components/SyncPanel';
import {
  changeServerPassphrase,
  requestServerPermission,
  syncSettings,
  syncStatus,
  testServer,
  type SyncSettings,
  type SyncStatus,
} from '@/utils/browser/sync';
import { sendToBackground } from '@/utils/browser/messaging';
import { quietly } from '../../utils/browser/quietly.ts';
import { useReaderPrefs } from '@/utils/browser/reader-prefs';

/** Rows rendered at a time: a 10,000-article library lists and filters without building 10,000 rows. */
const PAGE = 30;

/** What the last action did, and how to undo it (a delete, a restore). */
type Notice = { text: string; undo?: () => Promise<void> };

/** library.html: saved articles, Arabic-aware search as you type, select, delete with undo, export, backup. Data and wiring only. */
export function App({ ui }: { ui: UiLocale }) {
  const [entries, setEntries] = useState<LibraryEntry[]>();
  const [searchable, setSearchable] = useState<SearchEntry[]>();
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice>();
  // The reader's chosen theme, on the library too (and on its canvas).
  const { prefs } = useReaderPrefs();

  // The first screen, then the whole list (small entries), then what search needs (every article's words).
  const [complete, setComplete] = useState(false);
  const reload = useCallback(async () => {
    const first = await withLibrary((lib) => lib.entries({ limit: PAGE }));
    setEntries((current) => current ?? first);
    const next = await withLibrary((lib) => lib.entries());
    setEntries(next);
    setComplete(true);
    const ids = new Set(next.map((e) => e.id));
    setSelected((s) => new Set([...s].filter((id) => ids.has(id))));
    setSearchable(await withLibrary((lib) => lib.searchEntries()));
  }, []);
  useEffect(() => void reload(), [reload]);

  // Sync: settings and the last outcome live in storage.local; the background syncs.
  const [sync, setSync] = useState<{ settings: SyncSettings | null; status: SyncStatus }>();
  useEffect(() => {
    void Promise.all([syncSettings.getValue(), syncStatus.getValue()]).then(([settings, status]) => setSync({ settings, status }));
    const unwatch = syncStatus.watch((status, old) => {
      setSync((s) => (s ? { ...s, status } : s));
      // A sync that finished may have brought articles from another device.
      if (old?.running && !status.running) void reload();
    });
    return unwatch;
  }, [reload]);
  const syncNow = (): void => void sendToBackground('sync/now', null).catch(quietly(undefined, 'sync/now'));
  const saveSync = (fields: SyncFields): void => {
    const settings: SyncSettings = { ...fields, url: fields.url.trim(), user: fields.user.trim() };
    // The permission for exactly this origin, asked in the click (before any await).
    void requestServerPermission(settings.url).then(async (granted) => {
      if (!granted) {
        setNotice({ text: t('syncDenied') });
        return;
      }
      await syncSettings.setValue(settings);
      setSync((s) => ({ settings, status: s?.status ?? { running: false } }));
      syncNow();
    });
  };
  const testSync = (fields: SyncFields): Promise<string> => {
    const settings: SyncSettings = { ...fields, url: fields.url.trim(), user: fields.user.trim() };
    // The server can only be reached with its permission: asked in the click, as for saving.
    return requestServerPermission(settings.url).then(async (granted) => {
      if (!granted) return t('syncDenied');
      try {
        return t((await testServer(settings)).library === 'none' ? 'syncTestNew' : 'syncTestFound');
      } catch (error) {
        return t('syncTestFailed', error instanceof Error ? error.message : String(error));
      }
    });
  };
  const changeSyncPassphrase = (fields: SyncFields): void => {
    const current = sync?.settings;
    if (!current) return;
    void changeServerPassphrase(current, fields.passphrase).then(
      () => {
        setSync((s) => (s?.settings ? { ...s, settings: { ...current, passphrase: fields.passphrase } } : s));
        setNotice({ text: t('syncPassphraseChanged') });
      },
      () => undefined, // said in the sync line
    );
  };
  const turnSyncOff = (): void => {
    void syncSettings.setValue(null).then(() => syncStatus.setValue({ running: false }));
    setSync({ settings: null, status: { running: false } });
  };

  const byId = useMemo(() => new Map((entries ?? []).map((e) => [e.id, e])), [entries]);
  const index = useMemo(() => new SearchIndex(searchable ?? []), [searchable]);
  const searching = query.trim() !== '';
  const matches = useMemo(
    () => (searching ? index.search(query).flatMap((hit) => byId.get(hit.id) ?? []) : (entries ?? [])),
    [index, query, searching, entries, byId],
  );
  const shown = matches.slice(0, limit);

  // For the library benchmark: the first rows are on screen; search is ready.
  useLayoutEffect(() => {
    if (entries) performance.mark('naqi:library-listed');
  }, [entries]);
  useLayoutEffect(() => {
    if (searchable) performance.mark('naqi:library-searchable');
  }, [searchable]);

  const remove = async (ids: readonly string[]): Promise<void> => {
    try {
      const removed = await withLibrary((lib) => lib.delete(ids));
      const text =
        removed.length === 1
          ? t('libraryDeleted', clipText(String(removed[0]?.article.title ?? ''), 300))
          : t('libraryDeletedMany', String(removed.length));
      if (removed.length > 0) setNotice({ text, undo: () => withLibrary((lib) => lib.restore(removed)) });
      if (removed.length > 0) syncNow();
    } catch (error) {
      setNotice({ text: t('libraryError', error instanceof Error ? error.message : String(error)) });
    }
    await reload();
  };
  const undo = async (action: () => Promise<void>): Promise<void> => {
    try {
      await action();
      setNotice(undefined);
      syncNow();
    } catch (error) {
      setNotice({ text: t('libraryError', error instanceof Error ? error.message : String(error)) });
    }
    await reload();
  };
  const backup = async (ids?: readonly string[]): Promise<void> => {
    const text = await withLibrary((lib) => exportLibrary(lib, ids ? { ids } : {}));
    downloadText(`naqi-library-${new Date().toISOString().slice(0, 10)}.json`, text, 'application/json');
  };
  const restoreBackup = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    if (file.size > BACKUP_MAX_BYTES) {
      setNotice({
        text: t('libraryError', `the file is larger than ${BACKUP_MAX_BYTES / 1024 / 1024} MB, more than any Naqi backup holds`),
      });
      return;
    }
    try {
      const { added, updated, kept, undo: before } = await withLibrary(async (lib) => importLibrary(lib, await file.text()));
      const text = t('libraryImported', [String(added), String(updated)]);
      setNotice({
        text: kept > 0 ? `${text} — ${t('libraryImportKept', String(kept))}` : text,
        ...(added + updated > 0 ? { undo: () => withLibrary((lib) => lib.unmerge(before)) } : {}),
      });
      if (added + updated > 0) syncNow();
    } catch (error) {
      setNotice({ text: t('libraryError', error instanceof Error ? error.message : String(error)) });
    }
    await reload();
  };
  const exportOne = async (id: string, format: ExportFormat): Promise<void> => {
    const record = await withLibrary((lib) => lib.get(id));
    if (record) await downloadArticle(record.article, format, dataUris(record.images), { offline: true });
  };
  const open = (id: string): void => void browser.tabs.create({ url: readerUrl({ id }) });
  const select = (id: string, on: boolean): void =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // Stable callbacks for the memoised rows, always calling the latest handlers.
  const latest = useRef<LibraryActions>(undefined);
  latest.current = {
    onOpen: open,
    onDelete: (id) => void remove([id]),
    onSelect: select,
    onExport: (id, format) => void exportOne(id, format),
  };
  const actions = useMemo<LibraryActions>(
    () => ({
      onOpen: (id) => latest.current?.onOpen(id),
      onDelete: (id) => latest.current?.onDelete(id),
      onSelect: (id, on) => latest.current?.onSelect(id, on),
      onExport: (id, format) => latest.current?.onExport(id, format),
    }),
    [],
  );
  const allShownSelected = shown.length > 0 && shown.every((e) => selected.has(e.id));
  const chosen = [...selected];

  return (
    <main class={`reader-page library-page theme-${prefs.theme}`}>
      <h1>{t('libraryTitle')}</h1>
      <div class="library-tools">
        <input
          type="search"
          value={query}
          onInput={(e) => (setQuery(e.currentTarget.value), setLimit(PAGE))}
          placeholder={t('librarySearch')}
          aria-label={t('librarySearch')}
          dir="auto"
        />
        <button type="button" onClick={() => void backup()}>
          {t('libraryExport')}
        </button>
        {/* A button, not the browser's raw file field ("no file chosen"): the field is under it, still focusable. */}
        <label class="library-import">
          <input type="file" accept="application/json,.json" onChange={(e) => void restoreBackup(e.currentTarget.files?.[0])} />
          <span>{t('libraryImport')}</span>
        </label>
      </div>
      {complete && entries && entries.length > 0 && (
        <p class="library-count" role="status">
          {searching ? t('libraryFound', String(matches.length)) : t('libraryCount', String(entries.length))}
        </p>
      )}
      {shown.length > 0 && (
        <div class="library-selection">
          <label>
            <input
              type="checkbox"
              checked={allShownSelected}
              onChange={(e) => setSelected(e.currentTarget.checked ? new Set([...selected, ...shown.map((x) => x.id)]) : new Set())}
            />{' '}
            {t('librarySelectAll')}
          </label>
          {chosen.length > 0 && (
            <>
              <button type="button" onClick={() => void remove(chosen)}>
                {t('libraryDeleteSelected', String(chosen.length))}
              </button>
              <button type="button" onClick={() => void backup(chosen)}>
                {t('libraryBackupSelected', String(chosen.length))}
              </button>
            </>
          )}
        </div>
      )}
      {notice && (
        <p class="library-notice" role="status">
          {notice.text}{' '}
          {notice.undo && (
            <button type="button" onClick={() => notice.undo && void undo(notice.undo)}>
              {t('libraryUndo')}
            </button>
          )}
        </p>
      )}
      {!entries || (searching && !searchable) ? (
        <p class="reader-status">{t('libraryLoading')}</p>
      ) : shown.length > 0 ? (
        <>
          <LibraryList entries={shown} selected={selected} ui={ui} t={t} actions={actions} />
          {matches.length > shown.length && (
            <button type="button" class="library-more" onClick={() => setLimit((n) => n + PAGE)}>
              {t('libraryShowMore', String(Math.min(PAGE, matches.length - shown.length)))}
            </button>
          )}
        </>
      ) : (
        <p class="reader-status">{t(entries.length === 0 ? 'libraryEmpty' : 'libraryNoMatch')}</p>
      )}
      {sync && (
        <SyncPanel
          settings={sync.settings}
          status={sync.status}
          ui={ui}
          t={t}
          onSave={saveSync}
          onTest={testSync}
          onChangePassphrase={changeSyncPassphrase}
          onSyncNow={syncNow}
          onTurnOff={turnSyncOff}
        />
      )}
    </main>
  );
}
