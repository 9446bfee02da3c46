import { mountPage } from '@/utils/browser/mount-page';
import { App } from './App';
import { startFirstLoad } from './first-load';
import { watchFrame } from './frame';
import './style.css';

startFirstLoad(location.search);
watchFrame();
mountPage(App, 'extName');
