/**
 * A generated huge page (an article with an endless comment thread), for the robustness
 * bench and the size-guard test: no 20 MB file is committed.
 */

export interface HugePageOptions {
  /** Elements in the page (within a few of the number asked). */
  elements: number;
  /** Size of the page in UTF-8 bytes (approximately: within 1%). */
  bytes: number;
}

const SENTENCE =
  'وقال مسؤولون محليون إن فرق الإنقاذ واصلت عملها طوال الليل في الأحياء المتضررة من السيول، فيما فتحت البلدية مدارس المدينة لإيواء العائلات التي غمرت المياه منازلها. ';
const PARAGRAPH = `<p>${SENTENCE.repeat(4)}</p>`;
// Each comment is four elements: div, p, a, span.
const ELEMENTS_PER_COMMENT = 4;

export function generateHugePage({ elements, bytes }: HugePageOptions): string {
  const head =
    '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>سيول تغمر أحياء المدينة</title>' +
    '<meta property="og:type" content="article"></head><body><article><h1>سيول تغمر أحياء المدينة وفرق الإنقاذ تعمل طوال الليل</h1>' +
    `<div class="entry">${PARAGRAPH.repeat(6)}</div><div class="share-buttons"><a href="#s">شارك</a></div><section class="comments">`;
  const tail = '</section></article></body></html>';
  const fixed = 14 + 6; // html, head, meta×2, title, body, article, h1, div, div, a, section… and 6 paragraphs
  const comments = Math.max(1, Math.round((elements - fixed) / ELEMENTS_PER_COMMENT));
  const shell = (i: number, text: string): string =>
    `<div class="comment" id="c${i}"><p>${text}<a href="/u/${i}">قارئ ${i}</a></p><span>منذ ${i % 60} دقيقة</span></div>`;
  const budget = bytes - utf8Length(head) - utf8Length(tail);
  const perComment = Math.max(0, budget / comments - utf8Length(shell(comments, '')));
  // Arabic letters are two bytes in UTF-8, spaces one: fill with the sentence cut to size.
  const text = fill(perComment);
  const parts: string[] = [head];
  for (let i = 0; i < comments; i++) parts.push(shell(i, text));
  parts.push(tail);
  return parts.join('');
}

function fill(targetBytes: number): string {
  let out = '';
  while (utf8Length(out) + utf8Length(SENTENCE) <= targetBytes) out += SENTENCE;
  for (const ch of SENTENCE) {
    if (utf8Length(out + ch) > targetBytes) break;
    out += ch;
  }
  return out;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
