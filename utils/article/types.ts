/** The file formats the exporter writes: self-contained HTML, Markdown, plain text. */
export type ExportFormat = 'html' | 'md' | 'txt';

/** Text direction of an article or block. */
export type Direction = 'rtl' | 'ltr';

/**
 * What a clutter rule removes, grouped for the reader ("why was this hidden?"). The one list:
 * the type and the backup validator's check both come from it.
 */
export const CLUTTER_KINDS = [
  'donation',
  'related',
  'newsletter',
  'share',
  'comments',
  'cookie',
  'overlay',
  'font-switcher',
  'icon-label',
  'ad',
  'boilerplate',
  'navigation',
] as const;
export type ClutterKind = (typeof CLUTTER_KINDS)[number];

export interface LeadImage {
  src: string;
  alt?: string;
  caption?: string;
}

/** One piece of clutter found on a page. `text` is a short excerpt of what it said. */
export interface Removal {
  rule: string;
  kind: ClutterKind;
  reason: string;
  text: string;
}

/** A planned removal, still pointing at its element (planning changes nothing). */
export interface PlannedRemoval extends Removal {
  element: Element;
}

/**
 * How an Arabic publication names the Gregorian months: Syriac in the Levant and Iraq
 * («كانون الثاني»), French-derived in Algeria and Tunisia («جانفي»), else «يناير».
 */
export type MonthNames = 'levantine' | 'maghrebi' | 'standard';

/** The one article shape used by the content script, popup, library, CLI and tests. */
export interface Article {
  url: string;
  title: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
  /** Arabic articles: the month names the publication prints, so its date is shown in them. */
  monthNames?: MonthNames;
  lang: string;
  dir: Direction;
  excerpt?: string;
  leadImage?: LeadImage;
  /** Sanitised HTML of the body (DOMPurify); safe to render in an extension page. */
  contentHtml: string;
  textContent: string;
  wordCount: number;
  readingMinutes: number;
  /** What extraction left out, and why: the rule that fired and its reason (absent in articles saved before they were kept). */
  removed: ArticleRemoval[];
}

/** A removal as an article keeps it: no element, and `rule` / `reason` optional for older saved copies. */
export interface ArticleRemoval {
  kind: ClutterKind;
  text: string;
  rule?: string;
  reason?: string;
}

export interface DetectionSignal {
  name: string;
  weight: number;
  detail?: string;
}

export interface Detection {
  isArticle: boolean;
  score: number;
  signals: DetectionSignal[];
}
