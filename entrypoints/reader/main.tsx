import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';

// The reader sets its title to the article's once it has one.
mountPage(App);
