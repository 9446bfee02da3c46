import { render } from 'preact';
import { uiLocale } from '@/utils/i18n';
import { App } from './App';
import './style.css';

const { lang, dir } = uiLocale();
document.documentElement.lang = lang;
document.documentElement.dir = dir;
const root = document.getElementById('app');
if (root) render(<App />, root);
