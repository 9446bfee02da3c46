import type { ArticleState } from '../utils/reader/state.ts';
import type { Translate } from '../utils/reader/locale.ts';

interface Props {
  state: Exclude<ArticleState, { kind: 'ready' }>;
  t: Translate;
  /** Retry, or extract although detection said "not an article". */
  onRetry(force: boolean): void;
}

/** Every state of a reading view but the article itself, each with a way forward. */
export function ArticleStatus({ state, t, onRetry }: Props) {
  switch (state.kind) {
    case 'loading':
      return (
        <p class="reader-status" role="status">
          {t('readerLoading')}
        </p>
      );
    case 'not-article':
      return (
        <div class="reader-status" role="status">
          <p>{t('popupNotArticle')}</p>
          <button type="button" onClick={() => onRetry(true)}>
            {t('showAnyway')}
          </button>
        </div>
      );
    case 'restricted':
      return (
        <p class="reader-status" role="alert">
          {t('popupRestricted')}
        </p>
      );
    case 'error':
      return (
        <div class="reader-status" role="alert">
          <p>{t(state.message)}</p>
          {state.detail && (
            <code class="reader-detail" dir="auto">
              {state.detail}
            </code>
          )}
          <button type="button" onClick={() => onRetry(true)}>
            {t('readerRetry')}
          </button>
        </div>
      );
  }
}
