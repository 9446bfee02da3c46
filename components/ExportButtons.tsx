import type { ExportFormat } from '../utils/article/types.ts';
import type { Translate } from '../utils/reader/locale.ts';

interface Props {
  t: Translate;
  onExport(format: ExportFormat): void;
}

/** One article as a file: self-contained HTML, Markdown or plain text. */
export function ExportButtons({ t, onExport }: Props) {
  return (
    <>
      <button type="button" onClick={() => onExport('html')}>
        {t('exportHtml')}
      </button>
      <button type="button" onClick={() => onExport('md')}>
        {t('exportMarkdown')}
      </button>
      <button type="button" onClick={() => onExport('txt')}>
        {t('exportText')}
      </button>
    </>
  );
}
