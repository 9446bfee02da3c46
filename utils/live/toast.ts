/**
 * A short notice on the page (a save from the context menu or the keyboard has no popup to
 * speak in). Text only, in a closed shadow root so the page's CSS cannot restyle or read it;
 * styles through the CSSOM, which a page's CSP does not block. Gone after a few seconds.
 */
import { domCall, domGet } from '../article/clobbering.ts';

export function showToast(doc: Document, text: string, ms = 5000): void {
  const host = domCall<HTMLElement>(doc, 'createElement', 'naqi-toast');
  const root = host.attachShadow({ mode: 'closed' });
  const box = domCall<HTMLElement>(doc, 'createElement', 'div');
  box.setAttribute('role', 'status');
  box.dir = 'auto';
  box.textContent = text;
  Object.assign(box.style, {
    position: 'fixed',
    bottom: '24px',
    left: '50%', // physical: centred the same way on RTL and LTR pages
    transform: 'translateX(-50%)',
    zIndex: '2147483647',
    maxWidth: 'min(90vw, 36em)',
    padding: '12px 18px',
    borderRadius: '10px',
    background: '#0f3d3a',
    color: '#fff',
    font: '16px/1.6 system-ui, "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif',
    boxShadow: '0 6px 24px rgba(0,0,0,.25)',
  } satisfies Partial<CSSStyleDeclaration>);
  root.append(box);
  // The DOM's own body, whatever the page named an image (`<img name=body>`, clobbering.ts).
  (domGet<HTMLElement | null>(doc, 'body') ?? domGet<HTMLElement>(doc, 'documentElement')).append(host);
  setTimeout(() => host.remove(), ms);
}
