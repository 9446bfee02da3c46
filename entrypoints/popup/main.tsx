import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';
import { watchFrame } from './frame';
import './style.css';

watchFrame();
mountPage(App, 'extName');
