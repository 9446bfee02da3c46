import type { ClutterKind } from './types.ts';

/**
 * Site rules in the cosmetic-filter syntax of uBlock Origin and AdBlock
 * (`example.com,other.net##.selector`, `##.generic`, `! comment`), for sites where the
 * generic rules are not enough. A rule for `example.com` also applies to its subdomains.
 *
 * Parsed here (a few dozen lines) rather than with @ghostery/adblocker 2.18, measured
 * 2026-11-24 on this machine: its FiltersEngine alone bundles to 255 KB minified (our whole
 * content script is 108 KB); a 3,300-rule cosmetic list serialises to 109 KB and takes
 * 7.4 ms to deserialise — per tab, in a content script — for lookups of 0.02 ms. With a
 * hand-written list of a few rules that is all cost and no gain. Community annoyance lists
 * (Fanboy's Annoyance, EasyList Cookie) are GPLv3 / CC BY-SA 3.0, copyleft: not bundled.
 */

export const SITE_RULES_TEXT = `
! Walla (news.walla.co.il): breadcrumb trail and the date strip above a news flash.
walla.co.il##.path-item
walla.co.il##.header-titles
`;

export interface SiteRule {
  /** Empty for a generic rule. */
  domains: string[];
  selector: string;
  kind: ClutterKind;
}

export function parseSiteRules(text: string): SiteRule[] {
  const rules: SiteRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('!') || line.startsWith('[')) continue;
    const at = line.indexOf('##');
    // Exceptions (#@#), scriptlets (##+js) and procedural filters (:has-text…) are not supported.
    if (at < 0 || line.includes('#@#') || line.slice(at + 2).startsWith('+js') || /:(?:has-text|xpath|upward|matches-css)\(/.test(line))
      continue;
    const domains = line
      .slice(0, at)
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean);
    const selector = line.slice(at + 2).trim();
    if (selector) rules.push({ domains, selector, kind: 'boilerplate' });
  }
  return rules;
}

export function rulesForHost(rules: readonly SiteRule[], hostname: string): SiteRule[] {
  const host = hostname.toLowerCase();
  return rules.filter((r) => r.domains.length === 0 || r.domains.some((d) => host === d || host.endsWith(`.${d}`)));
}

export const SITE_RULES: readonly SiteRule[] = parseSiteRules(SITE_RULES_TEXT);
