import type { ClutterKind } from './types.ts';

/**
 * Site knowledge as data. Each rule names what it removes and why; every rule is
 * exercised by at least one fixture (tests/unit/clutter-rules.test.ts checks that).
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

/** Elements recognised by their markup (theme and plugin classes, ARIA roles, inline style). */
export interface SelectorRule extends RuleBase {
  selector: string;
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

export const SELECTOR_RULES: readonly SelectorRule[] = [
  {
    name: 'wp-related-posts',
    kind: 'related',
    reason: 'related-posts block of a WordPress theme or plugin (Jannah, Newspaper, JNews, Jetpack, YARPP)',
    selector: [
      '#related-posts',
      '#check-also-box',
      '.check-also-box',
      '.td_block_related_posts',
      '.td-related-posts',
      '.jnews_related_post_container',
      '.jeg_related_post',
      '#jp-relatedposts',
      '.jp-relatedposts',
      '.yarpp',
      '.yarpp-related',
      '.crp_related',
      '.rp4wp-related-posts',
      '.related-posts',
      '.related_posts',
      '.related-articles',
      '.read-also',
      '.read_also',
    ].join(', '),
  },
  {
    name: 'popup-maker',
    kind: 'overlay',
    reason: 'Popup Maker modal (pum-*), usually a donation or subscription appeal',
    selector: '.pum-overlay, .pum, .pum-container',
  },
  {
    name: 'givewp-form',
    kind: 'donation',
    reason: 'GiveWP donation form',
    selector: '.give-form-wrap, .give-embed-form-wrapper, form.give-form, .give-donation-form',
  },
  {
    name: 'reader-revenue',
    kind: 'donation',
    reason: 'reader-revenue appeal block (contribution epic, membership prompt)',
    selector: '[class*="contributions__epic" i], [class*="reader-revenue" i], [class*="donation" i], [class*="membership-prompt" i]',
    maxText: 1500,
  },
  {
    name: 'dialog',
    kind: 'overlay',
    reason: 'modal dialog laid over the page',
    selector: '[role="dialog"], [role="alertdialog"], [aria-modal="true"], .modal, [class*="popup" i], [id*="popup" i]',
    maxText: 2000,
  },
  {
    name: 'fixed-banner',
    kind: 'overlay',
    reason: 'fixed or sticky banner pinned over the text',
    selector: '[style*="position:fixed" i], [style*="position: fixed" i], [style*="position:sticky" i], [style*="position: sticky" i]',
    maxText: 1500,
  },
  {
    name: 'share-bar',
    kind: 'share',
    reason: 'social share buttons',
    selector: [
      '.sharedaddy',
      '.addthis_toolbox',
      '.a2a_kit',
      '.shareaholic-canvas',
      '.essb_links',
      '.ssba',
      '[class*="share-buttons" i]',
      '[class*="share-bar" i]',
      '[class*="social-share" i]',
      '[class*="post-share" i]',
      '[class*="entry-share" i]',
      '[class*="share-links" i]',
      '[class*="sharing" i]',
      '[id*="share-buttons" i]',
    ].join(', '),
    maxText: 400,
  },
  {
    name: 'comments-section',
    kind: 'comments',
    reason: 'comments and reply form',
    selector: '#comments, .comments-area, #disqus_thread, .fb-comments, #respond, .comment-respond, [class*="comments-section" i]',
  },
  {
    name: 'cookie-banner',
    kind: 'cookie',
    reason: 'cookie or consent banner',
    selector:
      '#onetrust-consent-sdk, #onetrust-banner-sdk, .cc-window, #cookie-law-info-bar, [id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i], [class*="gdpr" i]',
    maxText: 1500,
  },
  {
    name: 'newsletter-box',
    kind: 'newsletter',
    reason: 'newsletter or subscription sign-up box',
    selector: '[class*="newsletter" i], [id*="newsletter" i], .mc4wp-form, #mc_embed_signup, [class*="subscribe" i]',
    maxText: 800,
  },
  {
    name: 'font-size-switcher',
    kind: 'font-switcher',
    reason: 'font-size switcher buttons',
    selector:
      '[class*="font-size" i], [class*="fontsize" i], [class*="text-size" i], [class*="font-resize" i], [class*="font-switch" i], [class*="font-changer" i]',
    maxText: 30,
  },
  {
    name: 'ad-slot',
    kind: 'ad',
    reason: 'advertisement slot',
    selector: '.adsbygoogle, [id^="div-gpt-ad"], [class*="advert" i], .ad-container, .ads, .ad-slot, [id^="google_ads"]',
    maxText: 200,
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
      // Persian
      'مطالب مرتبط',
      'اخبار مرتبط',
      'مطالب پیشنهادی',
      'پربیننده‌ترین',
      'پربازدیدترین',
      'بیشتر بخوانید',
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
    cues: ['شارك', 'شارك المقال', 'شارك الخبر', 'مشاركة', 'انشر', 'اشتراک گذاری', 'שתפו', 'שתף', 'شیئر کریں', 'share', 'share this', 'share this article'],
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
      'תרמו',
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
      'we use cookies',
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
