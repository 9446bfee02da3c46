import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';
import './style.css';

mountPage(App, 'libraryTitle');
