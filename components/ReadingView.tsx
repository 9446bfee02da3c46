import type { ComponentChildren } from 'preact';
import { ArticleBody } from './ArticleBody.tsx';
import type { Article } from '../utils/article/types.ts';
import { headerDirections } from '../utils/reader/bidi.ts';
import { articleDate, formatArticleNumber } from '../utils/reader/dates.ts';
import { shownLeadImage } from '../utils/reader/lead.ts';
import { readingTimeKey, type Translate, type UiLocale } from '../utils/reader/locale.ts';
import { WIDTH_EM, type ReaderPrefs } from '../utils/reader/prefs.ts';

export interface ReadingViewActions {
  openInTab?(): void;
}

interface Props {
  article: Article;
  prefs: ReaderPrefs;
  ui: UiLocale;
  t: Translate;
  actions?: ReadingViewActions;
  /**
   * Local copies of the article's images by original src: data:image URIs kept with a saved
   * article, blob: URLs fetched without credentials. An image without one is not shown: the
   * view never loads an image from the web itself.
   */
  images?: Readonly<Record<string, string>>;
  /** Extra interface buttons (save, export), shown with the view's own actions. */
  children?: ComponentChildren;
}

/** The local copy of an image: a data:image URI or a blob: URL, never a web address. */
const localImage = (images: Readonly<Record<string, string>> | undefined, src: string): string | undefined => {
  const uri = images?.[src];
  return uri && /^(?:data:image\/|blob:)/i.test(uri) ? uri : undefined;
};

// Page-given URLs are shown as links or images only when they are plain web addresses.
const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

function siteLabel(article: Article): string | undefined {
  if (article.siteName) return article.siteName;
  try {
    return new URL(article.url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** One article, set for reading. Props in, callbacks out; the only HTML sink is ArticleBody. */
export function ReadingView({ article, prefs, ui, t, actions, images, children }: Props) {
  const date = articleDate(article);
  const site = siteLabel(article);
  // Many sites put their own name in the author field; saying it twice adds nothing.
  const byline = article.byline && article.byline !== site ? article.byline : undefined;
  const image = shownLeadImage(article);
  const leadSrc = image ? localImage(images, image.src) : undefined;
  const minutes = Math.max(0, Math.round(article.readingMinutes));
  const dirs = headerDirections({ title: article.title, caption: image?.caption });
  const hasActions = !!actions?.openInTab || isWebUrl(article.url) || !!children;
  const style = {
    '--reader-size': `${prefs.size}px`,
    '--reader-line-height': String(prefs.lineHeight),
    '--reader-measure': `${WIDTH_EM[prefs.width]}em`,
  };

  return (
    <article
      class={`reading-view theme-${prefs.theme} font-${prefs.font} width-${prefs.width}`}
      dir={article.dir}
      lang={article.lang}
      style={style}
    >
      {hasActions && (
        <div class="reading-actions" dir={ui.dir} lang={ui.lang}>
          {actions?.openInTab && (
            <button type="button" onClick={actions.openInTab}>
              {t('readerOpenInTab')}
            </button>
          )}
          {isWebUrl(article.url) && (
            <a class="reading-original" href={article.url} target="_blank" rel="noopener noreferrer">
              {t('readerOriginal')}
            </a>
          )}
          {children}
        </div>
      )}
      {/* Each item of metadata is isolated (<bdi>): a Latin site name or byline keeps the
          article's alignment, and a date or a reading time neither flips nor scrambles its
          neighbours. Separators are the article's, between the items, not inside one. */}
      <header class="reading-header">
        {site && (
          <p class="reading-site">
            <bdi>{site}</bdi>
          </p>
        )}
        <h1 class="reading-title" dir={dirs.title}>
          {article.title}
        </h1>
        {byline && (
          <p class="reading-byline">
            <bdi>{byline}</bdi>
          </p>
        )}
        <p class="reading-meta">
          {date && (
            <>
              <bdi class="reading-date">
                <time dateTime={article.publishedTime}>{date}</time>
              </bdi>
              <span class="reading-sep" aria-hidden="true">
                ·
              </span>
            </>
          )}
          <bdi class="reading-time" dir={ui.dir} lang={ui.lang}>
            {t(readingTimeKey(minutes, ui.lang), formatArticleNumber(minutes, article.lang))}
          </bdi>
        </p>
      </header>
      {image && (leadSrc || image.caption) && (
        <figure class="reading-lead">
          {leadSrc && <img src={leadSrc} alt={image.alt ?? ''} decoding="async" />}
          {image.caption && <figcaption dir={dirs.caption}>{image.caption}</figcaption>}
        </figure>
      )}
      <ArticleBody html={article.contentHtml} dir={article.dir} lang={article.lang} {...(images ? { images } : {})} />
    </article>
  );
}
