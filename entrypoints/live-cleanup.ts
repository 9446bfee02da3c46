import { defineUnlistedScript } from '#imports';
import { createLivePage } from '@/utils/live/page';
import { provideStage } from '@/utils/live/stages';

// The content script's second stage, injected by the background on article candidates only.
export default defineUnlistedScript(() => provideStage('live', { createLivePage }));
