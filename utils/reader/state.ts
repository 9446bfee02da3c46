import type { Article } from '../article/types.ts';
import type { MessageKey } from './locale.ts';

/** What an extension page can show for a tab: the article, or why not and what to do next. */
export type ArticleState =
  | { kind: 'loading' }
  | { kind: 'ready'; article: Article }
  | { kind: 'not-article' }
  | { kind: 'restricted' }
  | { kind: 'error'; message: MessageKey; detail?: string };
