import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';
import '@/components/reading-view.css';

// The reader sets its title to the article's once it has one.
mountPage(App);
