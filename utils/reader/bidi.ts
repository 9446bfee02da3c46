import { blockDirection } from '../article/direction.ts';
import type { Article, Direction } from '../article/types.ts';

/**
 * The directions of the header's own blocks, by the rule the body's blocks follow (sanitize.ts):
 * the article's direction unless a block's letters are predominantly of the other script.
 * Undefined means "inherit the article's", so an Arabic title that starts with «Apple» or a
 * caption that names «Reuters» first stays right to left.
 */
export function headerDirections(article: Pick<Article, 'title'> & { caption?: string | undefined }): {
  title?: Direction;
  caption?: Direction;
} {
  return { title: blockDirection(article.title), caption: article.caption ? blockDirection(article.caption) : undefined };
}
