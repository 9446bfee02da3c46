import { isJunkImageUrl } from '../article/lead-image.ts';
import type { Article } from '../article/types.ts';

/**
 * The lead image the reading view shows: a web picture, never a counter, placeholder or logo,
 * even from a copy saved before extraction refused them.
 */
export function shownLeadImage(article: Pick<Article, 'leadImage'>): Article['leadImage'] {
  const lead = article.leadImage;
  return lead && /^https?:\/\//i.test(lead.src) && !isJunkImageUrl(lead.src) ? lead : undefined;
}
