import { defineUnlistedScript } from '#imports';
import { extractArticle } from '@/utils/article/extract';
import { provideStage } from '@/utils/live/stages';

// The content script's third stage: extraction (Readability, DOMPurify), injected when a reader asks for the article.
export default defineUnlistedScript(() => provideStage('extract', { extractArticle }));
