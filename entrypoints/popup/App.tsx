import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { ArticleStatus } from '@/components/ArticleStatus';
import { CleanupPanel, type CleanupPanelData } from '@/components/CleanupPanel';
import { ReaderControls } from '@/components/ReaderControls';
import { SaveButton } from '@/components/SaveButton';
import { ReadingView } from '@/components/ReadingView';
import type { UiLocale } from '@/utils/reader/locale';
import { requestArticle } from '@/utils/browser/article-source';
import type { ArticleState } from '@/utils/reader/state';
import { t } from '@/utils/browser/i18n';
import { hostOf } from '@/utils/library/images';
import { useLocalImages } from '@/utils/browser/local-images';
import { saveFromPage, saveImagesFromPage } from '@/utils/browser/library';
import { sendToTab, type CleanupStatus } from '@/utils/browser/messaging';
import { useReaderPrefs } from '@/utils/browser/reader-prefs';
import { cleanupSettings } from '@/utils/browser/storage';
import { readerUrl } from '@/utils/browser/tabs';
import { quietly } from '../../utils/browser/quietly.ts';
import { takeFirstLoad } from './first-load';

function panelData(status: CleanupStatus | undefined, autoClean: boolean): CleanupPanelData {
  if (!status) return { state: 'unavailable', removed: [], autoClean };
  // The page remembers "show everything" (its content script's state): a popup opened again still says so.
  const cleaned = status.restored && status.removed.length === 0 ? 'restored' : 'cleaned';
  const state = !status.isArticle ? 'not-article' : status.enabled ? cleaned : autoClean ? 'site-off' : 'all-off';
  return { state, removed: status.removed, autoClean };
}

/** The toolbar popup: the article as a reading view, and what was cleaned on the page. Data and wiring only. */
export function App({ ui }: { ui: UiLocale }) {
  const [tab, setTab] = useState<{ id: number; url?: string }>();
  const [view, setView] = useState<ArticleState>({ kind: 'loading' });
  const [status, setStatus] = useState<CleanupStatus>();
  const [autoClean, setAutoClean] = useState(true);
  const { prefs, ready: prefsReady, change: changePrefs } = useReaderPrefs();
  // The article's images, fetched without cookies or referrer and shown from blob: URLs.
  const images = useLocalImages(view.kind === 'ready' ? view.article : undefined);

  const load = useCallback(async (current: { id: number; url?: string }, force: boolean, asked?: Promise<ArticleState | undefined>) => {
    setView({ kind: 'loading' });
    setView((await asked) ?? (await requestArticle(current.id, current.url, force)));
    setStatus(await sendToTab(current.id, 'cleanup/status', null).catch(quietly(undefined, 'cleanup/status')));
  }, []);

  // A layout effect: the settings are read right after the first render, not after the first
  // paint (the article is shown only once they and the reader's preferences are read).
  useLayoutEffect(() => {
    void (async () => {
      // The first ask went out as the popup's script started (first-load.ts).
      const first = takeFirstLoad(location.search);
      const [current, settings] = await Promise.all([first.tab, cleanupSettings.getValue()]);
      setAutoClean(settings.autoClean);
      setTab(current);
      if (current) await load(current, false, first.article);
      else setView({ kind: 'restricted' });
    })();
    const closeOnEscape = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') window.close();
    };
    addEventListener('keydown', closeOnEscape);
    return () => removeEventListener('keydown', closeOnEscape);
  }, [load]);

  // Popup open → article painted, for the benchmark in the browser tests.
  useLayoutEffect(() => {
    if (view.kind !== 'ready') return;
    requestAnimationFrame(() => performance.mark('naqi:article-painted'));
  }, [view]);

  const pageUrl = status?.url ?? tab?.url;
  const hostname = pageUrl ? new URL(pageUrl).hostname : undefined;
  const sync = async (): Promise<void> => {
    if (tab) setStatus(await sendToTab(tab.id, 'cleanup/sync', null).catch(quietly(undefined, 'cleanup/sync')));
  };
  const cleanupActions = {
    // After "show everything" the panel says so, not "nothing worth hiding" (issue 14).
    restoreAll: () => tab && void sendToTab(tab.id, 'cleanup/restore', null).then(setStatus),
    cleanAgain: () => tab && void sendToTab(tab.id, 'cleanup/apply', null).then(setStatus),
    setSiteEnabled: async (enabled: boolean) => {
      if (!hostname) return;
      const settings = await cleanupSettings.getValue();
      const others = settings.disabledSites.filter((h) => h !== hostname);
      await cleanupSettings.setValue({ ...settings, disabledSites: enabled ? others : [...others, hostname] });
      await sync();
    },
    setAutoClean: async (enabled: boolean) => {
      await cleanupSettings.setValue({ ...(await cleanupSettings.getValue()), autoClean: enabled });
      setAutoClean(enabled);
      await sync();
    },
  };
  const openLibraryPage = (): void => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }).then(() => window.close());
  const openInTab = (): void => {
    if (tab) void browser.tabs.create({ url: readerUrl({ tabId: tab.id }) }).then(() => window.close());
  };

  // The article waits for the reader's stored settings, so it never flashes in the defaults.
  const shown: ArticleState = prefsReady ? view : { kind: 'loading' };

  return (
    <div class={`reader-page popup theme-${prefs.theme} font-${prefs.font}`}>
      {shown.kind === 'ready' && (
        // Folded: in a popup the article comes first, the type settings one click away.
        <details class="reader-settings">
          <summary aria-label={t('readerSettings')}>{t('readerSettingsShort')}</summary>
          <div class="reader-toolbar">
            <ReaderControls prefs={prefs} onChange={changePrefs} t={t} />
          </div>
        </details>
      )}
      {shown.kind !== 'ready' && <ArticleStatus state={shown} t={t} onRetry={(force) => tab && void load(tab, force)} />}
      {shown.kind === 'ready' && (
        <ReadingView article={shown.article} prefs={prefs} ui={ui} t={t} actions={{ openInTab }} images={images}>
          <SaveButton
            t={t}
            articleHost={hostOf(shown.article.url)}
            onSave={() => saveFromPage(shown.article, tab?.id)}
            onSaveImages={(hosts) => saveImagesFromPage(shown.article, tab?.id, hosts)}
          />
          <button type="button" onClick={openLibraryPage}>
            {t('openLibrary')}
          </button>
        </ReadingView>
      )}
      {status && (
        <details class="cleanup-details" open={shown.kind !== 'ready'}>
          <summary>{t('cleanupDetails')}</summary>
          <CleanupPanel data={panelData(status, autoClean)} actions={cleanupActions} t={t} />
        </details>
      )}
    </div>
  );
}
