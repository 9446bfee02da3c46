import type { Article } from '../article/types.ts';
import type { MessageKey } from './locale.ts';

/** What an extension page can show for a tab: the article, or why not and what to do next. */
export type ArticleState =
  | { kind: 'loading' }
  | { kind: 'ready'; article: Article }
  | { kind: 'not-article' }
  | { kind: 'restricted' }
  | { kind: 'error'; message: MessageKey; detail?: string };

/** What a Save button shows: the outcome in words, and whether asking for image hosts could help. */
export interface SaveReport {
  message: string;
  /** Some images stayed remote only for want of a host permission: offer to ask for it. */
  imageHosts: string[];
}
