import { mountPage } from '@/utils/mount-page';
import { App } from './App';
import './style.css';

mountPage(App, 'libraryTitle');
