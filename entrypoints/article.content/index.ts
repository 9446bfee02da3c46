import { defineContentScript } from '#imports';
import { detectArticle } from '@/utils/article';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    // Detection only for now; live cleanup is its own issue.
    detectArticle(document, location.href);
  },
});
