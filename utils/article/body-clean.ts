import { collapseSpace, normalizeText } from './text.ts';
import type { PlannedRemoval } from './types.ts';

/**
 * Lines that survive Readability inside the body but are not the article: a paragraph
 * that is only a link (a teaser, "read also" without its cue), the kicker above it, share
 * names, "Sign in" / "Advertisement" / "Photo: AP" lines, a URL on its own, and the
 * byline / dateline at the top (the reading view shows those from the metadata).
 *
 * By position too: before the first paragraph of prose and after the last one, short meta
 * lines (breadcrumbs, a lone "/", dates and times, counters such as «کد خبر : … | … بازدید»,
 * a byline list) and headings left with nothing under them; anywhere, gallery counters,
 * photo credits, "click to enlarge", editorial disclaimers, and blocks left empty (a list of
 * icon links is a column of empty bullets once the icons are gone).
 */

const LEAF_TAGS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'FIGCAPTION', 'DT', 'DD']);
const BLOCKISH =
  /^(?:P|LI|H[1-6]|DIV|DT|DD|DL|FIGCAPTION|BLOCKQUOTE|UL|OL|TABLE|SECTION|FIGURE|ARTICLE|ASIDE|NAV|HEADER|FOOTER|MAIN|PRE|FORM|ADDRESS)$/;

/** Spelling variants folded (normalizeText) once, so the patterns match normalised lines. */
const folded = (items: readonly string[]): string[] => items.map((t) => normalizeText(t));

// Gallery and image furniture: "click to enlarge", "Image 1 of 9", credits in brackets.
const IMAGE_FURNITURE = folded([
  '(click|tap) (here )?to (enlarge|expand|zoom)( (the )?(image|photo))?',
  'enlarge (this )?(image|photo)',
  'view (the )?gallery',
  'image \\d+ (of|/) ?/? ?\\d+',
  'photo \\d+ (of|/) \\d+',
  'slide \\d+ (of|/) \\d+',
  '\\(?image credit: .*',
  'اضغط (هنا )?(لتكبير|للتكبير) (الصوره)?',
  'انقر (هنا )?(لتكبير|للتكبير) (الصوره)?',
  'اضغط على الصوره لتكبيرها',
  'لتكبير الصوره اضغط هنا',
  'برای بزرگ ?نمایی( تصویر)? کلیک کنید',
  'برای مشاهده تصویر در اندازه بزرگ کلیک کنید',
  'לחצו להגדלה',
  'לחץ להגדלה',
  'להגדלת התמונה לחצו',
  'بڑا کرنے کے لیے کلک کریں',
]);

const BOILERPLATE_LINE = new RegExp(
  `^(?:${[
    // English
    'sign in',
    'log in',
    'subscribe( now)?',
    'advert(isement)?',
    'sponsored',
    'skip to (main )?content',
    'close',
    'caption',
    'breaking news',
    'latest news',
    "don'?t miss",
    'read more',
    'more from .{1,40}',
    'home',
    'share( this( article| story)?)?',
    '(view |show )?comments?',
    '\\d+ comments?',
    '(photo|image|picture|video|credit|source)s?:.*',
    '©.*',
    '(\\w+ ){0,3}\\| ?getty images',
    'getty images',
    'click here.*',
    'listen to (this )?(article|story)',
    'this slideshow requires javascript\\.?',
    'story continues below',
    'continue reading( below)?',
    'recommended',
    'trending( now)?',
    'print',
    'email',
    'back to top',
    'image (copyright|caption)( .*)?',
    '\\(?(image|photo|credit): ?©.*',
    '[^|]{0,60}\\| ?getty images',
    'media playback is unsupported on your device',
    '(copyright ?)?© ?.{0,80}',
    '.{0,80}all rights reserved\\.?',
    'post (a )?comments?.{0,10}',
    'citation: .*',
    'this (post|article|story) (may )?contains? affiliate.*',
    // Arabic, Persian, Hebrew, Urdu
    'اعلان',
    'اعلانات',
    'الرئيسيه',
    'شارك',
    'مشاركه',
    'اغلاق',
    'اغلق',
    'تسجيل الدخول',
    'اقرا المزيد',
    'طباعه',
    'العوده للاعلي',
    'تبليغات',
    'اشتراک',
    'פרסומת',
    'שתפו',
    'اشتہار',
    ...IMAGE_FURNITURE,
  ].join('|')})$`,
  'i',
);
const SHARE_WORDS = new Set([
  'facebook',
  'twitter',
  'x',
  'whatsapp',
  'pinterest',
  'pint',
  'pin',
  'linkedin',
  'email',
  'e-mail',
  'telegram',
  'reddit',
  'print',
  'copy',
  'link',
  'share',
  'messenger',
  'tumblr',
  'flipboard',
  'sms',
  'baixar',
  'tweet',
  'فيسبوك',
  'فيس',
  'بوك',
  'تويتر',
  'واتساب',
  'تلغرام',
  'تيليجرام',
  'لينكد',
  'ان',
  'طباعه',
  'شارك',
  'نسخ',
  'الرابط',
  'בפייסבוק',
  'פייסבוק',
  'טוויטר',
  'וואטסאפ',
]);
const DATELINE = /^(?:by |published|first published|updated|posted|last updated|نشر|آخر تحديث|تاريخ النشر|بقلم|כתב|עודכן|פורסם)/i;
const DATE_ONLY = /^[\p{L}.,:|/\-–\s\d]{0,60}\b(?:19|20)\d{2}\b[\p{L}.,:|/\-–\s\d]{0,40}$/u;
const URL_ONLY = /^https?:\/\/\S+$/;
/** Photo credits on a line of their own, in the languages of the corpus. */
const CREDIT_WORDS = [
  'photo',
  'photos',
  'image',
  'picture',
  'credit',
  'credits',
  'צילום',
  'צילומים',
  'קרדיט',
  'تصوير',
  'الصورة',
  'مصدر الصورة',
  'عکس',
  'منبع عکس',
  'تصویر',
  'عکاس',
  'فوٹو',
];
const CREDIT_LINE = new RegExp(`^\\(?(?:${folded(CREDIT_WORDS).join('|')})\\s*[:：]\\s*\\S.{0,70}$`, 'i');
/** A credit as a caption's own element: a credit word first, or an agency alone. */
const CREDIT_INLINE = new RegExp(
  `^\\(?(?:${folded([...CREDIT_WORDS, 'copyright', 'image copyright', '©', 'source', 'مصدر'].map((w) => w.replace('©', '\\u00a9'))).join('|')})\\b.{0,70}$|^\\(?(?:getty images|reuters|afp|ap|epa|associated press|shutterstock|ap photo|وكالات|رويترز|ايرنا|ایسنا|فارس)\\)?$`,
  'iu',
);

/** Editorial disclaimers: the opinion is the author's, the site is not responsible. */
const DISCLAIMER = new RegExp(
  folded([
    'يعبر عن راي (كاتبه|صاحبه|الكاتب)',
    'لا يعبر (بالضروره )?عن راي',
    'لا تعبر (بالضروره )?عن راي',
    'تعبر عن راي (كاتبها|اصحابها|صاحبها)',
    'مسووليه (الكاتب|كاتبها)',
    'مطالب (منتشر شده )?(بیانگر|لزوما)',
    'لزوما (بیانگر|منعکس کننده) (دیدگاه|نظر)',
    'نظرات (نویسنده|نگارنده)',
    'משקפ(ת|ים|ות) את (דעת|עמדת) (הכותב|הכותבת|כותביה?ם)',
    'אינ(ה|ו|ן) משקפ(ת|ים) (בהכרח )?את (עמדת|דעת) (המערכת|האתר)',
    'המערכת אינה אחראית',
    'ادارے کا (مراسلہ|تحریر) (نگار|کار) (کی|سے) (رائے|متفق)',
    'ادارے کا متفق ہونا ضروری نہیں',
    'the views expressed (here |in this (article|piece|column) )?are (those of the author|the author)',
    'do not necessarily (reflect|represent) the (views|opinions|position)',
  ]).join('|'),
  'i',
);
const MONTHS = folded([
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|' +
    'يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين|الثاني|الاول|' +
    'فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|ابان|اذر|دی|بهمن|اسفند|ژانویه|فوریه|مارس|اوریل|مه|ژوئن|ژوییه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|' +
    'ינואר|פברואר|מרץ|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר|' +
    'جنوری|فروری|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر',
]).join('|');
const DAYS = folded([
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|' +
    'الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد|شنبه|یکشنبه|دوشنبه|سه|چهارشنبه|پنجشنبه|جمعه|' +
    'ראשון|שני|שלישי|רביעי|חמישי|שישי|שבת|יום|پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار',
]).join('|');
/** Words a date or time line may hold besides numbers: months, days, "am", "updated", "at". */
const DATE_WORDS = new RegExp(
  `(?<![\\p{L}])(?:${MONTHS}|${DAYS}|am|pm|a\\.m|p\\.m|gmt|utc|${folded([
    'ص',
    'م',
    'ق.ظ',
    'ب.ظ',
    'قبل',
    'منذ',
    'ساعة',
    'ساعات',
    'دقيقة',
    'دقائق',
    'ساعت',
    'پیش',
    'לפני',
    'שעות',
    'דקות',
    'עודכן',
    'פורסם',
    'بتاريخ',
    'نشر',
    'تاريخ',
    'تحديث',
    'آخر',
    'به روز',
    'منتشر شده',
    'تاریخ',
    'انتشار',
    'بروزرسانی',
    'گھنٹے',
    'منٹ',
    'پہلے',
  ])
    .map((w) => w.replace('.', '\\.'))
    .join('|')}|ago|hours?|minutes?|at|on|updated|published|posted|[ecmp][sd]t|bst|cet|cest|eet|ist|ast|jst|aest)(?![\\p{L}])`,
  'giu',
);
const SENTENCE_END = /[.!?؟۔]["'”»)]?(?:\s|$)/;
const SEPARATORS = /^[\s/|\\·•>›»<‹«\-–—:،,]+$/u;
const PROSE_MIN = 80;
/** A byline list («Author, …» / «Role, …») opens the body: within its first lines, two or three items. */
const BYLINE_LIST_LINES = 5;
const EDGE_LINE_MAX = 120;
const MEDIA = 'img, picture, video, audio, iframe, svg, math, table, canvas, object, embed';
const PLACEHOLDER_SRC =
  /(?:^data:image\/(?:gif|png);base64,.{0,200}$)|(?:placeholder|spacer|blank|transparent|pixel|1x1|lazy-?load|loading|grey|gray)[\w-]*\.(?:gif|png|jpe?g|svg|webp)(?:[?#]|$)/i;
const KICKER_MAX = 50;
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}/;

const flat = (s: string | null | undefined): string => collapseSpace(s ?? '');

function linkText(el: Element): number {
  let n = 0;
  for (const a of el.querySelectorAll('a')) n += flat(a.textContent).length;
  return n;
}

/**
 * Elements of `tags` under `root`, in document order. (jsdom's querySelectorAll returns a
 * selector list grouped by selector, not in document order; the edges of the body need the order.)
 */
function inDocumentOrder(root: Element, tags: ReadonlySet<string>): Element[] {
  const found: Element[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 1); // NodeFilter.SHOW_ELEMENT
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (tags.has((n as Element).tagName)) found.push(n as Element);
  return found;
}

/** Inside an element already planned for removal (or that element). */
function gone(n: Element, removed: ReadonlySet<Element>, root: Element): boolean {
  for (let p: Element | null = n; p && p !== root; p = p.parentElement) if (removed.has(p)) return true;
  return false;
}

const EMPTY_CANDIDATES = new Set([
  'UL',
  'OL',
  'LI',
  'P',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'FIGURE',
  'FIGCAPTION',
  'DL',
  'DD',
  'DT',
]);

/** A block holding text of its own, with no block children (a "line" of the body). */
function isLine(el: Element): boolean {
  // A block child without text (an emptied submenu, a spacer) does not make the block a container.
  for (const child of el.children) if (BLOCKISH.test(child.tagName) && flat(child.textContent) !== '') return false;
  return true;
}

function isShareLine(text: string): boolean {
  const words = normalizeText(text)
    .split(/[\s|•·/]+/)
    .filter(Boolean);
  return words.length > 0 && words.length <= 12 && words.every((w) => SHARE_WORDS.has(w));
}

/**
 * @param byline the article's byline from the metadata: a line that only repeats it is the
 *   byline block of the template.
 */
/** "Jane Doe is a reporter for…", "Email Jane at jane@site.com or follow her @jane". */
function isAuthorNote(line: string, bylineKey: string | undefined): boolean {
  if (CONTACT.test(line) && /\b(?:email|e-mail|reach|reached|contact|follow|tip)\b/i.test(line)) return true;
  if (bylineKey === undefined || bylineKey.length < 5) return false;
  // "Jane Doe is a reporter…", "Doe joined the paper in 2017": a name of the byline opens the line.
  const names = bylineKey.split(/[\s,]+/).filter((n) => n.length >= 4);
  const opening = line.slice(0, 40);
  return (
    names.some((n) => opening.includes(n)) &&
    / (?:is|was) an? | joined | has (?:been|covered|written|reported) | writes | covers /.test(line)
  );
}

/** After the text: who reported and edited, the sources, and calls to follow, join, subscribe or listen. */
const TAIL_LINE = new RegExp(
  folded([
    'this (document|article|material|content) (is subject to|may not be)',
    'citation: .{0,300}',
    '.{0,80}all rights reserved.{0,80}',
    '(additional )?reporting by',
    'editing by',
    'edited by',
    'compiled by',
    'written by .{1,60}; editing',
    '.{0,60} contributed (reporting )?to this (report|story|article)',
    'follow (us|\\w+( \\w+)?) on (twitter|instagram|facebook|x)',
    'join (our|the) .{0,40}(forum|community|conversation|newsletter)',
    'subscribe to .{0,40}',
    'sign up (for|to) .{0,60}',
    'listen to .{0,40}(live|podcast|here)',
    'get .{0,60} delivered',
    'start your day with',
    'download (the|our) .{0,30}app',
    'تابعونا على',
    'تابعوا .{0,40} على',
    'اشترك في',
    'ما را در .{0,30} دنبال کنید',
    'עקבו אחרינו',
    'ہمیں .{0,30} پر فالو کریں',
  ]).join('|'),
  'i',
);
const isTail = (normalized: string): boolean => normalized.length <= 400 && (TAIL_LINE.test(normalized) || DISCLAIMER.test(normalized));

/** An e-mail address or a bare domain path on its own (the author's contact after the text). */
const CONTACT_ONLY = /^(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:www\.)?[\w-]+\.[a-z]{2,}(?:\/\S*)?)$/i;

/** Title candidates as compared with a heading: folded, without a " - Site" / " | Site" tail. */
function titleKeys(titles: readonly (string | null | undefined)[]): string[] {
  return titles.flatMap((t) => {
    const key = normalizeText(t ?? '');
    return key ? [key, key.replace(/\s+[|\-–—:»]\s+[^|\-–—:»]{1,40}$/, '')] : [];
  });
}

/**
 * A date with at most a place or a label beside it ("دمشق 9 يناير 2018", "Beirut, March 3, 2024"):
 * two words besides the date's own. A caption or a sentence that names a year («الإنتاج بين 2019
 * و2023») is text.
 */
function isMostlyDate(normalized: string): boolean {
  const rest = normalized
    .replace(DATE_WORDS, ' ')
    .replace(/[\p{N}/:.,|\-–—()،]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1);
  return rest.length <= 2;
}

/** Only a date or a time: numbers in any script, month and day names, "updated", "ago". */
function isDateLine(normalized: string): boolean {
  if (!/\p{N}/u.test(normalized)) return false;
  const rest = normalized.replace(DATE_WORDS, '').replace(/[\p{N}\s/:.,|\-–—()،]+/gu, '');
  return rest.length <= 2;
}

/** Some letter or digit outside the line's links ("· <a>Weather</a>" has none: bullets and separators). */
function hasWordsOutsideLinks(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4); // NodeFilter.SHOW_TEXT
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (/[\p{L}\p{N}]/u.test(t.nodeValue ?? '') && !t.parentElement?.closest('a')) return true;
  }
  return false;
}

/** Labels that send to another page. */
const RELATED_LABEL = new RegExp(
  `^(?:${folded(['see more', 'see also', 'also', 'related', 'read more', 'read', 'more', 'watch', 'listen', 'اقرأ أيضا', 'اقرأ', 'شاهد', 'طالع', 'بیشتر بخوانید', 'بخوانید', 'ببینید', 'קראו גם', 'צפו', 'مزید پڑھیں', 'یہ بھی پڑھیں']).join('|')})\\s*[:：»|]$`,
  'i',
);

/** "SEE MORE: <a>…</a>", "Read also: <a>…</a>": a short label that sends elsewhere, then the link. */
function labelBeforeLink(el: Element, text: string): string {
  const first = el.querySelector('a');
  if (!first) return '';
  const before = text.slice(0, Math.max(0, text.indexOf(flat(first.textContent)))).trim();
  return before.length > 0 && before.length <= 25 && /[:：»|]$/.test(before) && RELATED_LABEL.test(normalizeText(before)) ? before : '';
}

/** «کد خبر : 12345 | 1,204 بازدید | 3 دیدگاه»: short segments between separators, numbers in them, no sentence. */
function isMetaLine(text: string): boolean {
  const segments = text
    .split(/\s[|•·]\s|\s{3,}|\s-\s/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (segments.length < 2 || SENTENCE_END.test(text)) return false;
  return segments.every((seg) => seg.length <= 40) && segments.filter((seg) => /\p{N}/u.test(seg)).length >= Math.ceil(segments.length / 2);
}

/** "Home › World › Middle East": links joined by separators, nothing else. */
function isBreadcrumb(el: Element, text: string): boolean {
  const links = [...el.querySelectorAll('a')];
  if (links.length < 2) return false;
  let rest = text;
  for (const a of links) rest = rest.replace(flat(a.textContent), '');
  return SEPARATORS.test(rest) || rest.trim() === '';
}

/** A paragraph of the article: long enough, a sentence, not a link. */
function isProse(el: Element, text: string): boolean {
  // A caption is not the article's prose, however long: the edges are measured from the text.
  if (el.closest('figure, figcaption')) return false;
  return text.length >= PROSE_MIN && (SENTENCE_END.test(text) || text.split(' ').length >= 12) && linkText(el) < text.length * 0.5;
}

/** A heading, or a short line set in bold alone (a template's section title). */
function isHeadingLike(el: Element, text: string): boolean {
  if (/^H[2-6]$/.test(el.tagName)) return true;
  if (text.length > 80 || SENTENCE_END.test(text)) return false;
  const strong = [...el.querySelectorAll('strong, b')].reduce((n, b) => n + flat(b.textContent).length, 0);
  return strong >= text.length * 0.9;
}

/** One to three words and no punctuation at all: a block's label ("Recommended"), not a sentence or a credit. */
function isBareLabel(text: string): boolean {
  return text.length <= 30 && text.split(' ').length <= 3 && /^[\p{L}\p{N}\s'’-]+$/u.test(text);
}

/** Media that is part of the article: a figure, a sized picture, a video or a table (a logo is not). */
function isContentMedia(m: Element): boolean {
  if (m.tagName !== 'IMG') return true;
  return m.closest('figure') !== null || Number(m.getAttribute('width')) >= 200;
}

/** An image that stands for nothing: a declared 1–2 px size, or a placeholder, spacer or pixel file. */
function isPlaceholderImage(img: Element): boolean {
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  if ((w > 0 && w <= 2) || (h > 0 && h <= 2)) return true;
  return PLACEHOLDER_SRC.test((img.getAttribute('src') ?? '').trim());
}

/**
 * A caption's text as a reader should see it: its parts apart (a space, never glued) and
 * without the credit a part of it holds ("عکس: ایرنا", "Photo: AP", "(Reuters)").
 */
export function captionText(caption: Element): string {
  const parts: string[] = [];
  const walk = (el: Element): void => {
    for (const node of el.childNodes) {
      if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
      else if (node.nodeType === 1) {
        const text = flat(node.textContent);
        if (text && text.length <= 80 && (CREDIT_INLINE.test(normalizeText(text)) || CREDIT_LINE.test(normalizeText(text)))) continue;
        parts.push(' ');
        walk(node as Element);
        parts.push(' ');
      }
    }
  };
  walk(caption);
  const text = flat(parts.join(''));
  return CREDIT_LINE.test(normalizeText(text)) ? '' : text;
}

/** How many headline-and-summary cards make the body a contents page (a listing shown anyway). */
const CONTENTS_CARDS = 3;

/**
 * The linked headlines of a contents page: a heading that is a link, followed in its own card by
 * a paragraph of prose (a teaser's headline and its summary). Where the body holds several, the
 * body is the listing (a home page the reader asked to see anyway, a table of contents): each
 * summary keeps its headline. An article's related cards are gone before this step (teaser
 * runs); a lone card keeps the old rule.
 */
function cardHeadlines(lines: readonly Element[], prose: readonly boolean[]): Set<Element> {
  const cards = new Set<Element>();
  lines.forEach((el, i) => {
    const next = lines[i + 1];
    if (/^H[2-6]$/.test(el.tagName) && linkText(el) > 0 && next && prose[i + 1] && next.parentElement === el.parentElement) cards.add(el);
  });
  return cards.size >= CONTENTS_CARDS ? cards : new Set();
}

/**
 * @param titles the page's title candidates (metadata, Readability's): a heading at the top of
 *   the body that repeats one is the template's title, which the reading view shows above.
 */
export function planBodyClean(content: Element, byline?: string, titles: readonly (string | null | undefined)[] = []): PlannedRemoval[] {
  const bylineKey = byline ? normalizeText(byline).replace(/^by /, '') : undefined;
  const titleKey = new Set(titleKeys(titles).filter((k) => k.length >= 8));
  const removals: PlannedRemoval[] = [];
  const removed = new Set<Element>();
  const add = (el: Element, rule: string, kind: PlannedRemoval['kind'], reason: string, text: string): void => {
    for (let p: Element | null = el; p; p = p.parentElement) if (removed.has(p)) return;
    removed.add(el);
    removals.push({ rule, kind, reason, text: text.slice(0, 80), element: el });
  };

  const lines = inDocumentOrder(content, LEAF_TAGS).filter((el) => flat(el.textContent).length > 0 && isLine(el));
  const texts = lines.map((el) => flat(el.textContent));
  // The article's prose runs from its first paragraph to its last; the edges are where templates put their meta lines.
  const prose = lines.map((el, i) => isProse(el, texts[i]!));
  const firstProse = prose.indexOf(true);
  // The text ends at its last paragraph that is not itself a tail (credits, a call to join or
  // subscribe, a copyright notice, a disclaimer): those come after the article, however long.
  let lastProse = prose.lastIndexOf(true);
  while (lastProse > firstProse && isTail(normalizeText(texts[lastProse]!))) lastProse = prose.lastIndexOf(true, lastProse - 1);
  const atEdge = (index: number): boolean => firstProse < 0 || index < firstProse || index > lastProse;
  const seen = new Set<string>();
  const cards = cardHeadlines(lines, prose);
  lines.forEach((el, index) => {
    const text = texts[index]!;
    const links = linkText(el);
    const isHeading = /^H[2-6]$/.test(el.tagName);
    const label = links > 0 ? labelBeforeLink(el, text) : '';
    if (
      links > 0 &&
      !cards.has(el) &&
      (links >= text.length * 0.9 || (label.length > 0 && links >= text.length * 0.6) || !hasWordsOutsideLinks(el)) &&
      (text.length < 160 || !/[.!?؟۔]\s/.test(text))
    ) {
      add(el, 'link-only-line', 'related', 'a line that is only a link to another page', text);
      // The kicker or section label right above a teaser link.
      const prev = lines[index - 1];
      if (prev && !isHeading && prev.nextElementSibling === el) {
        const kicker = flat(prev.textContent);
        if (kicker.length <= KICKER_MAX && !/[.!?؟۔]$/.test(kicker) && linkText(prev) === 0) {
          add(prev, 'teaser-kicker', 'related', 'label of a teaser link', kicker);
        }
      }
      return;
    }
    if (text.length <= 300 && DISCLAIMER.test(normalizeText(text))) {
      add(el, 'disclaimer', 'boilerplate', "editorial disclaimer: the views are the author's", text);
      return;
    }
    // A gallery prints each caption twice or more (thumbnail, slide, full view); a list may repeat on purpose.
    const inCaption = el.closest('figure, figcaption') !== null;
    if (inCaption && text.length >= 30 && seen.has(normalizeText(text))) {
      add(el, 'repeated-line', 'boilerplate', 'the same caption again (a gallery repeating its captions)', text);
      return;
    }
    if (inCaption) seen.add(normalizeText(text));
    if (index > lastProse && text.length <= 300) {
      const tail = normalizeText(text);
      if (TAIL_LINE.test(tail)) {
        add(el, 'tail-line', 'boilerplate', 'after the text: credits of the report, calls to follow, subscribe or listen', text);
        return;
      }
      if (index >= lines.length - 3 && isAuthorNote(tail, bylineKey)) {
        add(el, 'author-note', 'boilerplate', "author's bio or contact line after the text", text);
        return;
      }
      if (CONTACT_ONLY.test(text)) {
        add(el, 'contact-line', 'boilerplate', "an address on its own after the text (the author's contact)", text);
        return;
      }
    }
    if (text.length > 120) return;
    const normalized = normalizeText(text)
      .replace(/[:：.…!|»«•·\-–—]+$/g, '')
      .trim();
    const edge = atEdge(index);
    if (BOILERPLATE_LINE.test(normalized)) {
      add(el, 'boilerplate-line', 'boilerplate', 'page furniture inside the text', text);
    } else if (
      !/\p{L}/u.test(text) &&
      (/\p{N}/u.test(text) || /^[/|\\·•]$/.test(text)) &&
      (text.length <= 12 || edge) &&
      el.tagName !== 'LI'
    ) {
      add(el, 'counter-line', 'boilerplate', 'a number or separator on its own line (a counter, a gallery index)', text);
    } else if (CREDIT_LINE.test(normalized)) {
      add(el, 'credit-line', 'boilerplate', 'a photo credit on its own line', text);
    } else if (URL_ONLY.test(text)) {
      add(el, 'url-line', 'boilerplate', 'a bare address inside the text', text);
    } else if (isShareLine(text)) {
      add(el, 'share-line', 'share', 'names of share buttons', text);
    } else if ((index < 3 || index < firstProse) && titleKey.has(normalized)) {
      add(el, 'title-line', 'boilerplate', 'the title again; the reading view shows it above the text', text);
    } else if (bylineKey && normalized.replace(/^by /, '') === bylineKey) {
      add(el, 'byline-line', 'boilerplate', 'byline; the reading view shows it from the metadata', text);
    } else if (
      bylineKey &&
      index < 8 &&
      normalized.startsWith(bylineKey) &&
      DATE_ONLY.test(normalized.slice(bylineKey.length).replace(/^[\s,|·•\-–—]+/, ''))
    ) {
      add(el, 'byline-line', 'boilerplate', 'byline and date; the reading view shows them from the metadata', text);
    } else if (index >= lines.length - 3 && text.length <= 250 && isAuthorNote(normalized, bylineKey)) {
      add(el, 'author-note', 'boilerplate', "author's bio or contact line after the text", text);
    } else if (index < 8 && (DATELINE.test(text) || (DATE_ONLY.test(text) && isMostlyDate(normalized)))) {
      add(el, 'dateline', 'boilerplate', 'byline or date line; the reading view shows them from the metadata', text);
    } else if (edge && text.length <= EDGE_LINE_MAX && (isDateLine(normalized) || isMetaLine(text) || isBreadcrumb(el, text))) {
      add(el, 'meta-line', 'boilerplate', 'a date, counter or breadcrumb line at the edge of the text', text);
    } else if (index < firstProse && !/^(?:H[1-6]|LI|DT|DD)$/.test(el.tagName) && isBareLabel(text)) {
      add(el, 'meta-line', 'boilerplate', 'a label above the text (a kicker, the title of a box that is gone)', text);
    } else if (
      index < Math.min(firstProse, BYLINE_LIST_LINES) &&
      el.tagName === 'LI' &&
      text.length <= 50 &&
      !SENTENCE_END.test(text) &&
      (el.parentElement?.children.length ?? 0) <= 3
    ) {
      add(el, 'meta-line', 'boilerplate', 'a byline or meta list above the text', text);
    }
  });

  // After the last paragraph: headings left with nothing under them (their list was removed), unless media follows.
  const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
  const media = [...content.querySelectorAll(MEDIA)];
  for (let i = lines.length - 1; i > lastProse && i >= 0; i--) {
    const el = lines[i]!;
    if (gone(el, removed, content)) continue;
    if (!isHeadingLike(el, texts[i]!) && !isBareLabel(texts[i]!)) break;
    if (media.some((m) => el.compareDocumentPosition(m) & FOLLOWING && !gone(m, removed, content) && isContentMedia(m))) break;
    add(el, 'orphan-heading', 'related', 'a heading left with nothing under it after the text', texts[i]!);
  }

  // A credit inside a caption, in an element of its own: "Photo: …", "Credit Getty Images", "(AP)".
  for (const el of content.querySelectorAll(
    'figcaption span, figcaption small, figcaption em, figcaption i, figcaption cite, figcaption div, figcaption p',
  )) {
    const text = flat(el.textContent);
    if (text && text.length <= 80 && CREDIT_INLINE.test(normalizeText(text)))
      add(el, 'credit-line', 'boilerplate', 'a photo credit inside a caption', text);
  }

  // Images that stand for nothing, then blocks left without text or media (empty bullets).
  for (const img of content.querySelectorAll('img')) {
    if (isPlaceholderImage(img))
      add(img, 'placeholder-image', 'boilerplate', 'a placeholder, spacer or 1-pixel image', img.getAttribute('src') ?? '');
  }
  // One pass, children before parents: which elements still hold text or media once the removals are made.
  const MEDIA_TAGS = new Set(MEDIA.toUpperCase().split(/,\s*/));
  const holds = new Map<Element, boolean>();
  const measure = (el: Element): boolean => {
    if (removed.has(el)) return false;
    let found = MEDIA_TAGS.has(el.tagName);
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3 && /\S/.test(n.nodeValue ?? '')) found = true;
      else if (n.nodeType === 1 && measure(n as Element)) found = true;
    }
    holds.set(el, found);
    return found;
  };
  measure(content);
  for (const el of inDocumentOrder(content, EMPTY_CANDIDATES)) {
    if (holds.get(el) === false && !gone(el, removed, content))
      add(el, 'empty-block', 'boilerplate', 'a block left without text or images (an empty bullet)', '');
  }
  return removals;
}
