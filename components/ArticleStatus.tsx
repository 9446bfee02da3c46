import type { ComponentChildren } from 'preact';
import type { ArticleState } from '../utils/reader/state.ts';
import type { Translate } from '../utils/reader/locale.ts';

interface Props {
  state: Exclude<ArticleState, { kind: 'ready' }>;
  t: Translate;
  /** Retry, or extract although detection said "not an article". */
  onRetry(force: boolean): void;
}

/** A status panel: its message, and a button when there is a way forward. */
function Panel({
  role,
  message,
  action,
  children,
}: {
  role: 'status' | 'alert';
  message: string;
  action?: [string, () => void];
  children?: ComponentChildren;
}) {
  if (!action && !children)
    return (
      <p class="reader-status" role={role}>
        {message}
      </p>
    );
  return (
    <div class="reader-status" role={role}>
      <p>{message}</p>
      {children}
      {action && (
        <button type="button" onClick={action[1]}>
          {action[0]}
        </button>
      )}
    </div>
  );
}

/** Every state of a reading view but the article itself, each with a way forward. */
export function ArticleStatus({ state, t, onRetry }: Props) {
  switch (state.kind) {
    case 'loading':
      return <Panel role="status" message={t('readerLoading')} />;
    case 'not-article':
      return <Panel role="status" message={t('popupNotArticle')} action={[t('showAnyway'), () => onRetry(true)]} />;
    case 'restricted':
      return <Panel role="alert" message={t('popupRestricted')} />;
    case 'error':
      return (
        <Panel role="alert" message={t(state.message)} action={[t('readerRetry'), () => onRetry(true)]}>
          {state.detail && (
            <code class="reader-detail" dir="auto">
              {state.detail}
            </code>
          )}
        </Panel>
      );
  }
}
