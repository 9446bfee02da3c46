import { useState } from 'preact/hooks';
import type { Translate } from '../utils/reader/locale.ts';
import type { SaveReport } from '../utils/reader/state.ts';

interface Props {
  t: Translate;
  /** The host of the article itself, shown beside the image hosts Naqi would ask for. */
  articleHost: string;
  onSave(): Promise<SaveReport>;
  /**
   * Asks for the image hosts and saves again. Called inside the click, before any await, as
   * the browser asks for a permission only during the reader's gesture.
   */
  onSaveImages(hosts: string[]): Promise<SaveReport>;
}

/** `https://cdn.example.com/*` → `cdn.example.com`. */
const hostOfPattern = (pattern: string): string => pattern.replace(/^[a-z]+:\/\//i, '').replace(/\/\*$/, '');

/** "Save" in the reading view, what became of it said plainly, and the offer to keep images offline. */
export function SaveButton({ t, articleHost, onSave, onSaveImages }: Props) {
  const [report, setReport] = useState<SaveReport>();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<SaveReport>): Promise<void> => {
    setBusy(true);
    try {
      setReport(await work());
    } catch (error) {
      setReport({ message: t('saveFailed', error instanceof Error ? error.message : String(error)), imageHosts: [] });
    } finally {
      setBusy(false);
    }
  };
  const hosts = report?.imageHosts ?? [];
  return (
    <>
      <button type="button" class="save-button" disabled={busy} onClick={() => void run(onSave)}>
        {t('save')}
      </button>
      {hosts.length > 0 && (
        <>
          <button type="button" class="save-images" disabled={busy} onClick={() => void run(() => onSaveImages(hosts))}>
            {t('saveImages')}
          </button>
          {/* The page chose these addresses: the reader sees them, and the article's own site, before saying yes. */}
          <span class="save-hosts" dir="auto">
            {t('saveImagesHosts', [hosts.map(hostOfPattern).join(', '), articleHost])}
          </span>
        </>
      )}
      {report && (
        <span class="save-status" role="status">
          {report.message}
        </span>
      )}
    </>
  );
}
