import { NASKH_STACK, READING_TYPE } from '../typography.ts';

/**
 * The exported HTML file's own stylesheet: the reading view's light theme and type, without
 * its controls. Owned by the exporter, so the CLI's file and the extension's are the same.
 */
export const EXPORT_CSS = `
:root{color-scheme:light;--fg:#1f1d1a;--muted:#5f5a53;--line:#e4e0d9;--link:#0b57a4;--accent:#0f766e}
html,body{margin:0;background:#fdfcfa;color:var(--fg)}
.reading-view{box-sizing:border-box;max-width:calc(${READING_TYPE.measureEm.medium}em + 40px);margin:0 auto;padding:24px 20px 64px;
font-family:${NASKH_STACK};font-size:${READING_TYPE.size}px;line-height:${READING_TYPE.lineHeight};text-align:start;overflow-wrap:break-word}
.reading-view *{box-sizing:border-box}
.reading-title{margin:0 0 .4em;font-size:1.6em;line-height:1.4;overflow-wrap:anywhere}
.meta{margin:0 0 1.2em;font-size:.8em;line-height:1.6;color:var(--muted)}
.meta a{color:inherit;overflow-wrap:anywhere}
.meta.source{margin-top:-.9em;font-size:.7em}
figure{margin:0 0 1.4em}
img{display:block;max-width:100%;height:auto;margin-inline:auto;border-radius:4px}
figcaption{margin-top:.5em;font-size:.8em;line-height:1.6;color:var(--muted)}
.article-body p,.article-body ul,.article-body ol,.article-body table,.article-body pre,.article-body blockquote{margin:0 0 1em}
.article-body h2,.article-body h3,.article-body h4{margin:1.4em 0 .5em;line-height:1.45}
.article-body a{color:var(--link);text-underline-offset:.3em}
.article-body blockquote{padding-inline-start:1em;border-inline-start:3px solid var(--accent);color:var(--muted)}
.article-body figure:has(>blockquote[cite]),.article-body figure:not(:has(img)):has(>figcaption:only-child){padding:.8em 1em;border:1px solid var(--line);border-radius:8px}
.article-body figure>blockquote[cite]{margin:0;padding:0;border:0;color:inherit}
.article-body figure>blockquote[cite]+figcaption,.article-body figure:not(:has(img))>figcaption:only-child{direction:inherit;margin-top:.6em}
.article-body figure:not(:has(img))>figcaption:only-child{margin-top:0}
.article-body pre,.article-body code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;background:#f1eee8;border-radius:4px}
.article-body pre{padding:.8em;overflow-x:auto;line-height:1.5}
.article-body table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse;font-size:.9em}
.article-body th,.article-body td{padding:.3em .6em;border:1px solid var(--line);text-align:start;vertical-align:top}
@media print{html,body{background:#fff}.reading-view{max-width:none;padding:0;font-size:12.5pt;color:#000}}
`.trim();
