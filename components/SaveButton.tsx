import { useState } from 'preact/hooks';
import type { Translate } from './ReadingView.tsx';

interface Props {
  t: Translate;
  /**
   * Saves and resolves to what to tell the reader, images included. Called inside the click,
   * so it may ask for a permission before its first await.
   */
  onSave(): Promise<string>;
}

/** "Save" in the reading view, and what became of it, said plainly. */
export function SaveButton({ t, onSave }: Props) {
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      setMessage(await onSave());
    } catch (error) {
      setMessage(t('saveFailed', error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="save-button" disabled={busy} onClick={() => void save()}>
        {t('save')}
      </button>
      {message && (
        <span class="save-status" role="status">
          {message}
        </span>
      )}
    </>
  );
}
