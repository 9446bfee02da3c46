import { useState } from 'preact/hooks';
import type { Translate } from './ReadingView.tsx';

interface Props {
  t: Translate;
  /** Saves and says whether the article was already in the library. */
  onSave(): Promise<{ updated: boolean }>;
}

/** "Save" in the reading view, and what became of it — said plainly, including the images. */
export function SaveButton({ t, onSave }: Props) {
  const [message, setMessage] = useState<string>();
  const save = async (): Promise<void> => {
    try {
      const { updated } = await onSave();
      setMessage(`${t(updated ? 'savedAgain' : 'saved')} — ${t('savedImagesRemote')}`);
    } catch (error) {
      setMessage(t('saveFailed', error instanceof Error ? error.message : String(error)));
    }
  };
  return (
    <>
      <button type="button" class="save-button" onClick={() => void save()}>
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
