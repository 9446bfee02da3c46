import { useState } from 'preact/hooks';
import type { Translate, UiLocale } from '../utils/reader/locale.ts';

export interface SyncFields {
  url: string;
  user: string;
  password: string;
  passphrase: string;
}

export interface SyncView {
  running: boolean;
  lastSynced?: number;
  error?: string;
  progress?: { phase: 'download' | 'upload'; done: number; total: number };
}

interface Props {
  settings: SyncFields | null;
  status: SyncView;
  ui: UiLocale;
  t: Translate;
  /** Called in the click handler: the permission request must come before any await. */
  onSave(fields: SyncFields): void;
  /** "Test connection": called in the click handler too; resolves to what to say. Syncs nothing. */
  onTest(fields: SyncFields): Promise<string>;
  /** Re-encrypts the library on the server under the passphrase in the form (settings exist). */
  onChangePassphrase(fields: SyncFields): void;
  onSyncNow(): void;
  onTurnOff(): void;
}

const EMPTY: SyncFields = { url: '', user: '', password: '', passphrase: '' };

/** Sync settings (issue 16): server, user, app password, passphrase; "Sync now" and the last outcome. */
export function SyncPanel({ settings, status, ui, t, onSave, onTest, onChangePassphrase, onSyncNow, onTurnOff }: Props) {
  const [fields, setFields] = useState<SyncFields>(settings ?? EMPTY);
  const [test, setTest] = useState<{ running: boolean; text: string }>();
  const field = (key: keyof SyncFields, label: string, type: 'text' | 'url' | 'password', dir: 'ltr' | 'auto' = 'ltr') => {
    const common = {
      dir,
      value: fields[key],
      autocomplete: 'off',
      spellcheck: false,
      onInput: (e: { currentTarget: HTMLInputElement }) => setFields({ ...fields, [key]: e.currentTarget.value }),
    };
    return (
      <label class="sync-field">
        <span>{label}</span>
        {type === 'password' ? (
          <input type="password" {...common} />
        ) : type === 'url' ? (
          <input type="url" {...common} />
        ) : (
          <input type="text" {...common} />
        )}
      </label>
    );
  };
  const when = status.lastSynced
    ? new Intl.DateTimeFormat(ui.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(status.lastSynced)
    : null;
  return (
    <section class="sync-panel">
      <details open={!settings}>
        <summary>{t('syncTitle')}</summary>
        <p class="sync-help">{t('syncHelp')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSave(fields);
          }}
        >
          {field('url', t('syncUrl'), 'url')}
          {field('user', t('syncUser'), 'text')}
          {field('password', t('syncPassword'), 'password')}
          {field('passphrase', t('syncPassphrase'), 'password', 'auto')}
          <button type="submit" disabled={!fields.url}>
            {t('syncSave')}
          </button>
          <button
            type="button"
            disabled={!fields.url || test?.running}
            onClick={() => {
              setTest({ running: true, text: t('syncTesting') });
              void onTest(fields).then((text) => setTest({ running: false, text }));
            }}
          >
            {t('syncTest')}
          </button>
          {settings && fields.passphrase !== settings.passphrase && (
            <button type="button" disabled={status.running} onClick={() => onChangePassphrase(fields)}>
              {t('syncChangePassphrase')}
            </button>
          )}
          {settings && (
            <button type="button" onClick={onTurnOff}>
              {t('syncOff')}
            </button>
          )}
        </form>
        {test && (
          <p class="sync-test" role="status">
            {test.text}
          </p>
        )}
      </details>
      {settings && (
        <p class="sync-line">
          <span class="sync-status" role="status">
            {status.running
              ? `${t('syncRunning')}${status.progress ? ` ${status.progress.done}/${status.progress.total}` : ''}`
              : status.error
                ? t('syncFailed', status.error)
                : when
                  ? t('syncLast', when)
                  : t('syncNever')}
          </span>{' '}
          <button type="button" disabled={status.running} onClick={onSyncNow}>
            {t('syncNow')}
          </button>
        </p>
      )}
    </section>
  );
}
