import { startFirstLoad } from './first-load';
import { watchFrame } from './frame';
// The styles stay in the page's <head>: the popup is sized and painted styled from its first frame.
import './style.css';

// The ask for the article leaves first, as soon as this small module runs: the app's modules
// (Preact, the reading view, DOMPurify) load and run while the page extracts (issue 15). The
// frame is settled before the browser first sizes the popup.
startFirstLoad(location.search);
watchFrame();
void import('./mount');
