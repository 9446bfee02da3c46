import type { ClutterKind, Removal } from '@/utils/article/types';
import type { MessageKey } from '@/utils/reader/locale';

export interface CleanupPanelData {
  /** 'restored': the reader asked for everything back, so nothing is hidden now by choice. */
  state: 'cleaned' | 'restored' | 'not-article' | 'site-off' | 'all-off' | 'unavailable';
  removed: Removal[];
  autoClean: boolean;
}

export interface CleanupPanelActions {
  restoreAll(): void;
  cleanAgain(): void;
  setSiteEnabled(enabled: boolean): void;
  setAutoClean(enabled: boolean): void;
}

interface Props {
  data: CleanupPanelData;
  actions: CleanupPanelActions;
  t: (key: MessageKey, subs?: string | string[]) => string;
}

const kindKey = (kind: ClutterKind): MessageKey => `kind_${kind.replace(/-/g, '_')}` as MessageKey;

/** What Naqi hid on this page and why, with the ways back. Props in, callbacks out. */
export function CleanupPanel({ data, actions, t }: Props) {
  const { state, removed } = data;
  const summary =
    state === 'cleaned'
      ? removed.length > 0
        ? t('cleanupDone', String(removed.length))
        : t('cleanupNothing')
      : t(
          (
            {
              restored: 'cleanupRestored',
              'not-article': 'cleanupNotArticle',
              'site-off': 'cleanupSiteOff',
              'all-off': 'cleanupAllOff',
              unavailable: 'cleanupUnavailable',
            } as const
          )[state],
        );

  return (
    <section class="cleanup" aria-labelledby="cleanup-title">
      <h2 id="cleanup-title">{t('cleanupTitle')}</h2>
      <p class="cleanup-summary" role="status">
        {summary}
      </p>
      {removed.length > 0 && (
        <ul class="cleanup-list">
          {removed.map((r, i) => (
            <li key={i} title={r.reason}>
              <span class="cleanup-kind">{t(kindKey(r.kind))}</span>
              <bdi class="cleanup-text">{r.text}</bdi>
            </li>
          ))}
        </ul>
      )}
      {state !== 'unavailable' && (
        <div class="cleanup-actions">
          {removed.length > 0 && (
            <button type="button" onClick={actions.restoreAll}>
              {t('restoreAll')}
            </button>
          )}
          {(state === 'restored' || (state === 'cleaned' && removed.length === 0)) && (
            <button type="button" onClick={actions.cleanAgain}>
              {t('cleanAgain')}
            </button>
          )}
          {/* "Don't clean this site" only where Naqi cleans: not on a home page it left alone. */}
          {state === 'site-off' ? (
            <button type="button" onClick={() => actions.setSiteEnabled(true)}>
              {t('enableSite')}
            </button>
          ) : (
            (state === 'cleaned' || state === 'restored') && (
              <button type="button" onClick={() => actions.setSiteEnabled(false)}>
                {t('disableSite')}
              </button>
            )
          )}
          <label class="cleanup-auto">
            <input type="checkbox" checked={data.autoClean} onChange={(e) => actions.setAutoClean(e.currentTarget.checked)} />
            {t('autoClean')}
          </label>
        </div>
      )}
    </section>
  );
}
