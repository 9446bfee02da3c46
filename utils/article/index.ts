export { detectArticle } from './detect.ts';
export { planDeclutter, type DeclutterOptions } from './declutter.ts';
export { extractArticle, blockText, type ExtractOptions } from './extract.ts';
export { readMetadata, type PageMetadata } from './metadata.ts';
export { resolveLanguage, directionOfText } from './direction.ts';
export { sanitizeHtml } from './sanitize.ts';
export { normalizeText, countWords, readingMinutes, WORDS_PER_MINUTE } from './text.ts';
export { MARKUP_RULES, CUE_RULES } from './clutter-rules.ts';
export type * from './types.ts';
