/**
 * Output formats of the extract CLI: one-line JSON (its contract), and the article as a file
 * — standalone HTML, Markdown, plain text — made by the one exporter (utils/article/export),
 * the same files the extension's downloads are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARABIC_FACE_FILES, exportArticle, type EmbeddedFont, type ExportOptions } from '../../utils/article/export/index.ts';
import type { Article, ExportFormat } from '../../utils/article/types.ts';
import { articleDate } from '../../utils/reader/dates.ts';
import { ROOT } from './paths.ts';

export const FORMATS = ['json', 'html', 'md', 'text'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export function isOutputFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

export interface ExtractResult {
  isArticle: boolean;
  article: Article | null;
}

/** `{"isArticle":…,"article":…}` on one line (JSON.stringify escapes every newline). */
export function formatJson(result: ExtractResult): string {
  return JSON.stringify({ isArticle: result.isArticle, article: result.article });
}

/** The CLI's name of each export format ('text' on the command line is the exporter's 'txt'). */
const EXPORT_OF: Readonly<Record<Exclude<OutputFormat, 'json'>, ExportFormat>> = { html: 'html', md: 'md', text: 'txt' };

let face: EmbeddedFont[] | undefined;
/** The Arabic face the extension bundles, read from its package (none when it is missing). */
export function arabicFace(): EmbeddedFont[] {
  if (face) return face;
  const dir = join(ROOT, 'node_modules/@fontsource/noto-naskh-arabic/files');
  try {
    face = ARABIC_FACE_FILES.map(({ weight, file }) => ({
      weight,
      data: `data:font/woff2;base64,${readFileSync(join(dir, file)).toString('base64')}`,
    }));
  } catch {
    face = [];
  }
  return face;
}

/** The article as a file in an export format, exactly as the extension writes it. */
export function formatArticle(article: Article, format: Exclude<OutputFormat, 'json'>, view: ExportOptions['view']): string {
  const dateText = articleDate(article);
  return exportArticle(article, EXPORT_OF[format], { view, fonts: arabicFace(), ...(dateText ? { dateText } : {}) });
}
