import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';

// The popup's app, imported by main.tsx once the ask for the article has left.
mountPage(App, 'extName');
