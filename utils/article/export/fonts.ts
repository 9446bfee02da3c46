/**
 * The Arabic face of an exported file. The reading view sets Arabic-script text in Noto Naskh
 * Arabic; a file opened on a computer without it fell back to whatever face the system has
 * (issue 14). The file carries the face itself: the Arabic subset of weights 400 and 700
 * (woff2, about 53 kB each), as data: URIs the file's CSP allows, and nothing else. The
 * caller reads the bytes (the extension from its own package, the CLI from node_modules);
 * without them the file names the stack in typography.ts, a sound fallback.
 */

/** The files, as @fontsource/noto-naskh-arabic names them, and the weights they are. */
export const ARABIC_FACE_FILES = [
  { weight: 400, file: 'noto-naskh-arabic-arabic-400-normal.woff2' },
  { weight: 700, file: 'noto-naskh-arabic-arabic-700-normal.woff2' },
] as const;

export const ARABIC_FACE = 'Noto Naskh Arabic';

/** One embedded weight: a data:font/woff2 URI. */
export interface EmbeddedFont {
  weight: 400 | 700;
  data: string;
}

// The Arabic subset's range (the package's unicode.json): only Arabic letters ask for it.
const ARABIC_RANGE =
  'U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC';

const WOFF2 = /^data:font\/woff2;base64,[A-Za-z0-9+/=]+$/;

/** Whether an article is set in the Arabic face: right to left, and not Hebrew. */
export const usesArabicFace = (article: { dir: string; lang: string }): boolean =>
  article.dir === 'rtl' && !/^(?:he|yi)(?:-|$)/i.test(article.lang);

/** @font-face rules for the embedded weights; anything but a woff2 data: URI is left out. */
export function fontFaceCss(fonts: readonly EmbeddedFont[]): string {
  return fonts
    .filter((font) => WOFF2.test(font.data) && (font.weight === 400 || font.weight === 700))
    .map(
      (font) =>
        `@font-face{font-family:'${ARABIC_FACE}';font-style:normal;font-weight:${font.weight};font-display:swap;src:url(${font.data}) format('woff2');unicode-range:${ARABIC_RANGE}}`,
    )
    .join('\n');
}
