import { render } from 'preact';
import { t, uiLocale } from '@/utils/i18n';
import { App } from './App';
import './style.css';

const ui = uiLocale();
document.documentElement.lang = ui.lang;
document.documentElement.dir = ui.dir;
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<App ui={ui} />, root);
