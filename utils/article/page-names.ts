import type { PageMetadata } from './metadata.ts';
import { collapseSpace, normalizeText } from './text.ts';

/**
 * The names a site goes by and the names of its sections. A byline that is one of them is
 * the template's filler ("ynet", «خبرآنلاین», "News"), and a title segment that is one of
 * them is a suffix (" - Politics | Site"). Compared folded (normalizeText), punctuation apart.
 */
export interface PageNames {
  /** The text is the site's name (or one of its names, or its host name). */
  isSite(text: string): boolean;
  /** The text names the site among other words ("Khabaronline News Agency"). */
  mentionsSite(text: string): boolean;
  /**
   * The text is the name of one of the site's sections: article:section, breadcrumbs and,
   * when `deep` (the default), the links of its menus.
   */
  isSection(text: string, deep?: boolean): boolean;
}

// " - ", " | ", " – ", " — ", " :: ", " » ", " / ": how titles and credits join a site's name.
export const NAME_SEPARATOR = /\s+(?:[-|–—»«/•·]|::)\s+|\s*\|\s*/;
// Parts of a host name that name no one.
const HOST_NOISE = new Set([
  'www',
  'm',
  'amp',
  'com',
  'net',
  'org',
  'co',
  'gov',
  'edu',
  'ac',
  'info',
  'biz',
  'web',
  'archive',
  'news',
  'mobile',
]);
const MAX_SECTION = 40;
const BREADCRUMB = /breadcrumb|crumbs/i;
const MENU = /menu|(?:^|[-_\s])nav/i;

export const nameKey = (text: string): string =>
  normalizeText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const squeeze = (key: string): string => key.replace(/ /g, '');

function hostLabels(url: string): string[] {
  try {
    const labels = new URL(url).hostname.toLowerCase().split('.');
    // The last label is the TLD; country-code second levels (co.il, com.pk) are noise too.
    return labels.slice(0, -1).filter((l) => l.length >= 3 && !HOST_NOISE.has(l));
  } catch {
    return [];
  }
}

export function readPageNames(doc: Document, meta: PageMetadata, url: string): PageNames {
  const site = new Set<string>();
  const addSite = (name: string): void => {
    for (const part of [name, ...name.split(NAME_SEPARATOR)]) {
      const key = nameKey(part);
      if (key.length >= 2) {
        site.add(key);
        site.add(squeeze(key));
      }
    }
  };
  for (const name of meta.siteNames) addSite(name);
  for (const label of hostLabels(url)) addSite(label);

  // Section names cost a walk over the menus: read them once, when first asked.
  const addTo = (set: Set<string>, text: string | null | undefined): void => {
    const t = collapseSpace(text ?? '');
    if (!t || t.length > MAX_SECTION * 3) return;
    for (const part of [t, ...t.split(NAME_SEPARATOR)]) {
      const key = nameKey(part);
      if (key && key.length <= MAX_SECTION) set.add(key);
    }
  };
  // The links of <nav>s and of lists named as menus or breadcrumbs. Found by hand: attribute
  // selectors are slow in node's DOM, and lists are far fewer than links.
  let declared: Set<string> | undefined;
  let menus: Set<string> | undefined;
  const scan = (): void => {
    declared = new Set<string>();
    menus = new Set<string>();
    for (const name of meta.sections) addTo(declared, name);
    const containers: Element[] = [...doc.getElementsByTagName('nav')];
    for (const tag of ['ul', 'ol']) {
      for (const list of doc.getElementsByTagName(tag)) {
        const name = `${list.className} ${list.parentElement?.className ?? ''}`;
        if (BREADCRUMB.test(name) || MENU.test(name)) containers.push(list);
      }
    }
    for (const container of containers) {
      const set = BREADCRUMB.test(`${container.className} ${container.id}`) ? declared : menus;
      for (const a of container.getElementsByTagName('a')) addTo(set, a.textContent);
    }
  };
  const declaredKeys = (): Set<string> => {
    if (!declared) scan();
    return declared ?? new Set();
  };
  const menuKeys = (): Set<string> => {
    if (!menus) scan();
    return menus ?? new Set();
  };

  const isSite = (text: string): boolean => {
    const key = nameKey(text);
    return key.length > 0 && (site.has(key) || site.has(squeeze(key)));
  };
  return {
    isSite,
    mentionsSite(text) {
      if (isSite(text)) return true;
      const padded = ` ${nameKey(text)} `;
      for (const key of site) if (key.length >= 3 && padded.includes(` ${key} `)) return true;
      return false;
    },
    isSection(text, deep = true) {
      const key = nameKey(text);
      return key.length > 0 && (declaredKeys().has(key) || (deep && menuKeys().has(key)));
    },
  };
}
