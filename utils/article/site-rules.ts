import type { ClutterKind } from './types.ts';

/**
 * Site rules in the cosmetic-filter syntax of uBlock Origin and AdBlock
 * (`example.com,other.net##.selector`, `##.generic`, `! comment`), for sites where the
 * generic rules are not enough. A rule for `example.com` also applies to its subdomains.
 *
 * Parsed here (a few dozen lines) rather than with @ghostery/adblocker: our list is small
 * and hand-written, and the library's engine, at about 1 MB unpacked, would cost more to load
 * in every tab than the matching it does for us. Community annoyance lists are not bundled.
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
    if (at < 0 || line.includes('#@#') || line.slice(at + 2).startsWith('+js') || /:(?:has-text|xpath|upward|matches-css)\(/.test(line)) continue;
    const domains = line.slice(0, at).split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
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
