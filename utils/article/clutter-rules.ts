import type { ClutterKind } from './types.ts';

/**
 * Site knowledge as data. Each rule names what it removes and why; every rule is
 * exercised by at least one fixture (tests/unit/article/clutter-rules.test.ts checks that).
 *
 * Cues are written as readers see them; they are normalised (hamza/alef forms, yaa,
 * taa marbuta, tashkeel, tatweel, case) before matching, so «إقرأ أيضاً» and «اقرا ايضا»
 * are one cue.
 */

interface RuleBase {
  name: string;
  kind: ClutterKind;
  reason: string;
}

/**
 * What an element's markup must show to match a markup rule; any one field matching is
 * enough. Plain data, checked in one walk over the page (no selector engine: the same
 * rules run on the live page at load and in node over large pages).
 */
export interface MarkupMatch {
  /** Exact ids (`related-posts`). */
  id?: readonly string[];
  /** Exact class tokens (`pum-overlay`). */
  class?: readonly string[];
  /** Substrings of the id or class attribute, case-insensitive (`cookie`). */
  contains?: readonly string[];
  /** Prefixes of the id (`div-gpt-ad`). */
  idPrefix?: readonly string[];
  /** Attribute values (`role="dialog"`). */
  attr?: Readonly<Record<string, readonly string[]>>;
  /** Inline `style` pinning the element over the page. */
  pinned?: boolean;
  /** Element names, lower-case (`amp-ad`): AMP's components say what they are. */
  tag?: readonly string[];
}

/** Elements recognised by their markup (theme and plugin classes, ARIA roles, inline style). */
export interface MarkupRule extends RuleBase {
  markup: MarkupMatch;
  /** Skip matches holding more text than this: a wrapper that merely shares a class word. */
  maxText?: number;
}

/**
 * Elements recognised by what they say.
 * - `heading`: a short text that is a block's title («مقالات متعلقة»); the block is the
 *   heading with the link list it introduces.
 * - `phrase`: a call to action anywhere in a short block («اضغط هنا للمساهمة»); the block
 *   is the smallest short container around it.
 */
export interface CueRule extends RuleBase {
  match: 'heading' | 'phrase';
  cues: readonly string[];
  /**
   * Cues no news paragraph would say («الآراء الواردة أدناه»): matched blocks inside the
   * article text may be as long as elsewhere. Others must be short there.
   */
  unambiguous?: boolean;
}

export const MARKUP_RULES: readonly MarkupRule[] = [
  {
    name: 'wp-related-posts',
    kind: 'related',
    reason: 'related-posts block of a WordPress theme or plugin (Jannah, Newspaper, JNews, Jetpack, YARPP)',
    markup: {
      id: ['related-posts', 'check-also-box', 'jp-relatedposts'],
      class: [
        'check-also-box',
        'td_block_related_posts',
        'td-related-posts',
        'jnews_related_post_container',
        'jeg_related_post',
        'jp-relatedposts',
        'yarpp',
        'yarpp-related',
        'crp_related',
        'rp4wp-related-posts',
        'related-posts',
        'related_posts',
        'related-articles',
        'read-also',
        'read_also',
      ],
    },
  },
  {
    name: 'popup-maker',
    kind: 'overlay',
    reason: 'Popup Maker modal (pum-*), usually a donation or subscription appeal',
    markup: { class: ['pum-overlay', 'pum', 'pum-container'] },
  },
  {
    name: 'givewp-form',
    kind: 'donation',
    reason: 'GiveWP donation form',
    markup: { class: ['give-form-wrap', 'give-embed-form-wrapper', 'give-form', 'give-donation-form'] },
  },
  {
    name: 'reader-revenue',
    kind: 'donation',
    reason: 'reader-revenue appeal block (contribution epic, membership prompt)',
    markup: { contains: ['contributions__epic', 'reader-revenue', 'donation', 'membership-prompt'] },
    maxText: 1500,
  },
  {
    name: 'share-bar',
    kind: 'share',
    reason: 'social share buttons',
    markup: {
      class: ['sharedaddy', 'addthis_toolbox', 'a2a_kit', 'shareaholic-canvas', 'essb_links', 'ssba'],
      contains: ['share-buttons', 'share-bar', 'social-share', 'post-share', 'entry-share', 'share-links', 'sharing'],
      tag: ['amp-social-share'],
    },
    maxText: 400,
  },
  {
    name: 'comments-section',
    kind: 'comments',
    reason: 'comments and reply form',
    markup: {
      id: ['comments', 'disqus_thread', 'respond'],
      class: ['comments-area', 'fb-comments', 'comment-respond'],
      contains: ['comments-section'],
    },
  },
  {
    name: 'cookie-banner',
    kind: 'cookie',
    reason: 'cookie or consent banner',
    markup: {
      id: ['onetrust-consent-sdk', 'onetrust-banner-sdk', 'cookie-law-info-bar'],
      class: ['cc-window'],
      contains: ['cookie', 'consent', 'gdpr'],
    },
    maxText: 1500,
  },
  {
    name: 'newsletter-box',
    kind: 'newsletter',
    reason: 'newsletter or subscription sign-up box',
    markup: { id: ['mc_embed_signup'], class: ['mc4wp-form'], contains: ['newsletter', 'subscribe'] },
    maxText: 800,
  },
  {
    name: 'font-size-switcher',
    kind: 'font-switcher',
    reason: 'font-size switcher buttons',
    markup: { contains: ['font-size', 'fontsize', 'text-size', 'font-resize', 'font-switch', 'font-changer'] },
    maxText: 30,
  },
  {
    name: 'ad-slot',
    kind: 'ad',
    reason: 'advertisement slot',
    markup: {
      class: ['adsbygoogle', 'ad-container', 'ads', 'ad-slot'],
      contains: ['advert'],
      idPrefix: ['div-gpt-ad', 'google_ads'],
      tag: ['amp-ad', 'amp-embed', 'amp-sticky-ad'],
    },
    maxText: 200,
  },
  // Generic shapes last: a cookie dialog is named a cookie banner, not a dialog.
  {
    name: 'dialog',
    kind: 'overlay',
    reason: 'modal dialog laid over the page',
    markup: { attr: { role: ['dialog', 'alertdialog'], 'aria-modal': ['true'] }, class: ['modal'], contains: ['popup'] },
    maxText: 2000,
  },
  {
    name: 'fixed-banner',
    kind: 'overlay',
    reason: 'fixed or sticky banner pinned over the text',
    markup: { pinned: true },
    maxText: 1500,
  },
];

export const CUE_RULES: readonly CueRule[] = [
  {
    name: 'related-heading',
    kind: 'related',
    reason: 'related / read-also / most-read links',
    match: 'heading',
    cues: [
      // Arabic
      'مقالات متعلقة',
      'مقالات ذات صلة',
      'مواضيع ذات صلة',
      'موضوعات ذات صلة',
      'أخبار ذات صلة',
      'قصص ذات صلة',
      'مواد ذات صلة',
      'ذات صلة',
      'أخبار متعلقة',
      'اقرأ أيضًا',
      'اقرأ كذلك',
      'اقرأ المزيد',
      'شاهد أيضًا',
      'طالع أيضًا',
      'اخترنا لك',
      'قد يهمك',
      'قد يهمك أيضًا',
      'قد يعجبك أيضًا',
      'المزيد من الأخبار',
      'الأكثر قراءة',
      'الأكثر مشاهدة',
      'الأكثر تصفحًا',
      'الأكثر تداولًا',
      'الأكثر شعبية',
      'الأكثر تعليقًا',
      'الأكثر قراءة اليوم',
      'لا يفوتك',
      'اخترنا لكم',
      'مواضيع مشابهة',
      'أخبار مشابهة',
      'آخر الأخبار',
      'مواضيع ذات علاقة',
      'موضوعات ذات علاقة',
      'أخبار ذات علاقة',
      'الموضوعات المتعلقة',
      'مواضيع متعلقة',
      'موضوعات متعلقة',
      'يمكنك أيضا قراءة',
      'يمكنك أيضًا قراءة',
      'قد يعجبك',
      'قصص مقترحة',
      'مقالات مقترحة',
      'ترشيحاتنا',
      'المزيد من المقالات',
      // Persian
      'مطالب مرتبط',
      'اخبار مرتبط',
      'مطالب پیشنهادی',
      'پربیننده‌ترین',
      'پربازدیدترین',
      'بیشتر بخوانید',
      'بیشترین بازدید',
      'داستان‌های پیشنهادی',
      'مطالب مشابه',
      'بخوانید',
      // Urdu
      'مزید پڑھیں',
      'متعلقہ خبریں',
      'یہ بھی پڑھیں',
      'مقبول ترین',
      // Hebrew
      'כתבות נוספות',
      'כתבות קשורות',
      'נושאים קשורים',
      'עוד בנושא',
      'עוד באתר',
      'הכי נקראים',
      'הכי נצפים',
      'עוד באותו נושא',
      'עוד כתבות',
      'כתבות מומלצות',
      // English
      'related articles',
      'related stories',
      'related posts',
      'related content',
      'related',
      'read also',
      'also read',
      'read more',
      'see also',
      'more stories',
      'most read',
      'most popular',
      'most viewed',
      'you may also like',
      'you might also like',
      'recommended for you',
      'more from',
      "don't miss",
      "editor's picks",
      'top stories',
      'latest stories',
      'most shared',
      'related coverage',
    ],
  },
  {
    name: 'comments-heading',
    kind: 'comments',
    reason: 'comments and reply form',
    match: 'heading',
    cues: [
      'التعليقات',
      'أضف تعليقًا',
      'اترك تعليقًا',
      'اترك ردًا',
      'نظرات',
      'ارسال نظر',
      'در بحث مشارکت کنید',
      'תגובות',
      'הוסף תגובה',
      'טרם התפרסמו תגובות',
      'تبصرے',
      'comments',
      'leave a comment',
      'leave a reply',
    ],
  },
  {
    name: 'comments-policy',
    kind: 'comments',
    reason: 'comment policy and disclaimer above the comments',
    match: 'phrase',
    unambiguous: true,
    cues: ['الآراء الواردة أدناه', 'التعليقات قبل نشرها', 'تعكس وجهات نظر أصحابها', 'the views expressed in the comments'],
  },
  {
    name: 'tags-heading',
    kind: 'navigation',
    reason: 'tag links under the article',
    match: 'heading',
    cues: ['الوسوم', 'وسوم', 'الكلمات المفتاحية', 'كلمات مفتاحية', 'برچسب‌ها', 'کلیدواژه‌ها', 'ٹیگز', 'תגיות', 'tags', 'topics'],
  },
  {
    name: 'share-heading',
    kind: 'share',
    reason: 'social share buttons',
    match: 'heading',
    cues: [
      'شارك',
      'شارك المقال',
      'شارك الخبر',
      'مشاركة',
      'انشر',
      'اشتراک گذاری',
      'שתפו',
      'שתף',
      'شیئر کریں',
      'share',
      'share this',
      'share this article',
    ],
  },
  {
    name: 'donation-appeal',
    kind: 'donation',
    reason: 'donation or membership appeal',
    match: 'phrase',
    cues: [
      'ساهم في دعم',
      'اضغط هنا للمساهمة',
      'دولار واحد شهريًا',
      'ادعم الصحافة المستقلة',
      'ونحن بحاجتك',
      'تبرّع الآن',
      'تبرع الآن',
      'تبرع لنا',
      'ادعمنا',
      'كن داعمًا',
      'حمایت مالی',
      'תרמו לנו',
      'תרמו עכשיו',
      'תמכו בנו',
      'תמכו בעיתונות עצמאית',
      'support us',
      'support our journalism',
      'support independent journalism',
      'support the guardian',
      'donate now',
      'make a contribution',
      'become a member',
      'become a supporter',
      'from just $1',
    ],
  },
  {
    name: 'donation-heading',
    kind: 'donation',
    reason: 'donation or membership appeal',
    match: 'heading',
    cues: ['ادعم', 'تبرع', 'donate', 'support us'],
  },
  {
    name: 'newsletter-prompt',
    kind: 'newsletter',
    reason: 'newsletter, subscription or app prompt',
    match: 'phrase',
    cues: [
      'اشترك في النشرة',
      'النشرة البريدية',
      'النشرة الإخبارية',
      'اشترك الآن',
      'اشترك في قناتنا',
      'تابعونا على',
      'تابعنا على',
      'غوغل نيوز',
      'جوجل نيوز',
      'google news',
      'حمّل تطبيق',
      'حمّل التطبيق',
      'عضویت در خبرنامه',
      'הירשמו לניוזלטר',
      'sign up to our newsletter',
      'sign up for our newsletter',
      'subscribe to our newsletter',
      'download our app',
      'get the app',
      'subscribe to our',
      'sign up for our',
      'sign up for the',
      'in your inbox',
      'meet your inbox',
      'delivered to your inbox',
      'follow us on',
      'follow him on twitter',
      'follow her on twitter',
      'on instagram, facebook',
    ],
  },
  {
    name: 'cookie-notice',
    kind: 'cookie',
    reason: 'cookie or consent banner',
    match: 'phrase',
    cues: [
      'ملفات تعريف الارتباط',
      'ملفات الكوكيز',
      'سياسة الكوكيز',
      'از کوکی',
      'עוגיות',
      'קבצי cookies',
      'קבצי cookie',
      'קוקיז',
      'الكوكيز',
      'کوکی‌ها',
      'کوکیز',
      'we use cookies',
      'uses cookies',
      'use of cookies',
      'this site uses cookies',
      'this website uses cookies',
      'accept all cookies',
    ],
  },
];

/** Screen-reader labels of icon fonts that leak into copied text: "camera icon", "tag icon". */
export const ICON_LABEL = /^[a-z]+(?:[ -][a-z]+)? icon$/i;

/** The «ع ع ع» / "A A A" / "A+ A-" font-size switchers, once their buttons' text is joined. */
export const FONT_SWITCHER_TEXT = /^(?:(?:ع|ا|a)[+-]? ?){2,4}$|^(?:[+-](?:ع|ا|a) ?){2,4}$/;

/**
 * Clutter recognised by its structure rather than its words: what the links point to, how
 * blocks repeat, what the page itself hides. They hold across languages; the vocabulary above
 * adds what only words say. Each names its reason like the other rules.
 */
export interface StructureRule extends RuleBase {
  name: 'share-links' | 'app-store-links' | 'appeal-links' | 'teaser-run' | 'nested-article' | 'hidden-by-page' | 'pinned-prompt';
}

export const STRUCTURE_RULES: Readonly<Record<StructureRule['name'], StructureRule>> = {
  'share-links': { name: 'share-links', kind: 'share', reason: 'share buttons: links to the share endpoints of social networks' },
  'app-store-links': { name: 'app-store-links', kind: 'newsletter', reason: 'app prompt: a short block linking to the app stores' },
  'appeal-links': {
    name: 'appeal-links',
    kind: 'donation',
    reason: 'donation or membership appeal: a short text whose call to action links to a donate / support page',
  },
  'teaser-run': {
    name: 'teaser-run',
    kind: 'related',
    reason: "a run of headline cards of one template, linking to the site's other articles",
  },
  'nested-article': {
    name: 'nested-article',
    kind: 'related',
    reason: 'an article inside the article: another post (related, recommended) printed in full',
  },
  'hidden-by-page': {
    name: 'hidden-by-page',
    kind: 'boilerplate',
    reason: "text the page's own styles hide (display:none, visibility:hidden, hidden, aria-hidden)",
  },
  'pinned-prompt': {
    name: 'pinned-prompt',
    kind: 'overlay',
    reason: 'a banner pinned to the bottom edge of the window with a button (cookie, app or newsletter prompt)',
  },
};

/** Share endpoints: a link here shares the page, it does not lead to another article. */
export const SHARE_URL =
  /^(?:https?:)?\/\/(?:[\w-]+\.)*(?:facebook\.com\/(?:sharer|share\.php|dialog\/(?:share|feed))|(?:twitter|x)\.com\/(?:intent|share)|wa\.me\/?\?|api\.whatsapp\.com\/send|web\.whatsapp\.com\/send|t\.me\/share|telegram\.me\/share|linkedin\.com\/(?:share|sharearticle|cws\/share)|pinterest\.[a-z.]+\/pin\/create|reddit\.com\/submit|vk\.com\/share|tumblr\.com\/(?:share|widgets\/share)|getpocket\.com\/(?:save|edit)|news\.ycombinator\.com\/submitlink|plus\.google\.com\/share|mix\.com\/add|flipboard\.com\/bookmarklet)|^(?:whatsapp|viber|tg|fb-messenger):\/\/|^mailto:\?/i;

/** App store pages: a block linking here is an app prompt. */
export const APP_STORE_URL =
  /^(?:https?:)?\/\/(?:play\.google\.com\/store\/apps|(?:apps|itunes)\.apple\.com\/|appgallery\.(?:huawei|cloud\.huawei)\.com\/|(?:www\.)?microsoft\.com\/[\w-]*\/?store\/apps)/i;

/** Donate / support / membership pages, by the path of a call to action. */
export const APPEAL_URL =
  /\/(?:donat(?:e|ion|ions)|contribut(?:e|ions?)|support(?:-us)?|membership|become-a-(?:member|supporter)|join-us|giving|give)(?:[/?#._-]|$)|[?&](?:donate|contribute)=|(?:^|\/\/)(?:[\w-]+\.)*(?:donorbox\.org|patreon\.com|buymeacoffee\.com|ko-fi\.com|paypal\.(?:com|me)\/(?:donate|paypalme))/i;
