import { describe, expect, it } from 'vitest';
import { parseSiteRules, rulesForHost } from '../../../utils/article/site-rules.ts';

describe('site rules (cosmetic-filter syntax)', () => {
  const rules = parseSiteRules(`
! a comment
[Adblock Plus 2.0]
example.com,news.test##.promo
##.generic-annoyance
example.com#@#.promo
example.com##+js(nowebrtc)
example.com##.x:has-text(Subscribe)
`);

  it('reads domain and generic rules and skips what it does not support', () => {
    expect(rules).toEqual([
      { domains: ['example.com', 'news.test'], selector: '.promo', kind: 'boilerplate' },
      { domains: [], selector: '.generic-annoyance', kind: 'boilerplate' },
    ]);
  });

  it('applies a domain rule to its subdomains only', () => {
    expect(rulesForHost(rules, 'www.example.com').map((r) => r.selector)).toEqual(['.promo', '.generic-annoyance']);
    expect(rulesForHost(rules, 'notexample.com').map((r) => r.selector)).toEqual(['.generic-annoyance']);
  });
});
