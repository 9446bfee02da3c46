import { useCallback, useEffect, useState } from 'preact/hooks';
import { ArticleStatus } from '@/components/ArticleStatus';
import { ExportButtons } from '@/components/ExportButtons';
import { ReaderControls } from '@/components/ReaderControls';
import { SaveButton } from '@/components/SaveButton';
import { ReadingView } from '@/components/ReadingView';
import type { UiLocale } from '@/utils/reader/locale';
import { t } from '@/utils/browser/i18n';
import { dataUris, hostOf } from '@/utils/library/images';
import { useLocalImages } from '@/utils/browser/local-images';
import { requestArticle } from '@/utils/browser/article-source';
import type { ArticleState } from '@/utils/reader/state';
import { downloadArticle } from '@/utils/browser/download';
import { saveFromPage, saveImagesFromPage, withLibrary } from '@/utils/browser/library';
import { useReaderPrefs } from '@/utils/browser/reader-prefs';
import { readerTarget } from '@/utils/reader/reader-url';
import { closeAfterChoice, menuKeys } from '@/components/menu';

// What this reader shows: a tab's article, or a saved one (reader.html?tabId=N / ?id=…).
const target = readerTarget(location.search);
const savedId = target && 'id' in target ? target.id : undefined;
const tabId = target && 'tabId' in target ? target.tabId : undefined;

/** The full-tab reader: data and wiring only; ReadingView and ReaderControls render. */
export function App({ ui }: { ui: UiLocale }) {
  const [state, setState] = useState<ArticleState>({ kind: 'loading' });
  const { prefs, change: changePrefs } = useReaderPrefs();
  // The images kept with a saved article (data: URIs by src), shown and exported offline.
  const [stored, setStored] = useState<Record<string, string>>();
  // What the view shows: those, and the rest fetched without cookies or referrer (blob: URLs).
  const images = useLocalImages(state.kind === 'ready' ? state.article : undefined, stored);

  const load = useCallback(async () => {
    // A saved article is read from the library, offline.
    if (savedId) {
      const record = await withLibrary((library) => library.get(savedId));
      setStored(record ? dataUris(record.images) : undefined);
      return setState(record ? { kind: 'ready', article: record.article } : { kind: 'error', message: 'readerErrorNoText' });
    }
    if (tabId === undefined) return setState({ kind: 'error', message: 'readerErrorNoTab' });
    setState({ kind: 'loading' });
    // force: the reader opened this page on purpose, so extract even where detection said no.
    setState(await requestArticle(tabId, undefined, true));
  }, []);

  useEffect(() => void load(), [load]);

  // A saved article saved again may have gained its images: show the stored copies.
  const afterSave = async <T,>(report: T): Promise<T> => {
    const record = savedId ? await withLibrary((library) => library.get(savedId)) : undefined;
    if (record) setStored(dataUris(record.images));
    return report;
  };

  const title = state.kind === 'ready' ? state.article.title : undefined;
  useEffect(() => {
    document.title = title ?? t('extName');
  }, [title]);

  return (
    <div class={`reader-page theme-${prefs.theme} font-${prefs.font}`}>
      {/* Reading first (issue 14): one slim bar, the type settings folded into it. */}
      <div class="reader-toolbar reader-bar">
        <details class="reader-settings">
          <summary aria-label={t('readerSettings')}>{t('readerSettingsShort')}</summary>
          <ReaderControls prefs={prefs} onChange={changePrefs} t={t} />
        </details>
      </div>
      {state.kind !== 'ready' && <ArticleStatus state={state} t={t} onRetry={() => void load()} />}
      {state.kind === 'ready' && (
        <ReadingView article={state.article} prefs={prefs} ui={ui} t={t} images={images}>
          <SaveButton
            t={t}
            articleHost={hostOf(state.article.url)}
            onSave={() => saveFromPage(state.article, tabId).then(afterSave)}
            onSaveImages={(hosts) => saveImagesFromPage(state.article, tabId, hosts).then(afterSave)}
          />
          {/* Files and print in one menu: four equal buttons above the headline crowded it. */}
          <details class="reader-menu" onClick={closeAfterChoice} onKeyDown={menuKeys}>
            <summary>{t('readerFileMenu')}</summary>
            <div class="reader-menu-items">
              <ExportButtons t={t} onExport={(format) => void downloadArticle(state.article, format, images)} />
              <button type="button" onClick={() => print()}>
                {t('printArticle')}
              </button>
            </div>
          </details>
        </ReadingView>
      )}
    </div>
  );
}
