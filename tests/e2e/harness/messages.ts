import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../../../scripts/lib/paths.ts';

type Messages = Record<string, { message: string }>;

const read = (lang: string): Messages => JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;

/** The interface strings of the language an extension page is showing. */
export async function messagesOf(page: Page): Promise<(key: string) => string> {
  const lang = await page.evaluate(() => document.documentElement.lang);
  const messages = read(lang === 'ar' ? 'ar' : 'en');
  return (key) => {
    const m = messages[key]?.message;
    if (!m) throw new Error(`no message ${key}`);
    return m;
  };
}

/** The interface strings of one of the add-on's languages ('ar', else English). */
export function messagesIn(lang: string): (key: string) => string {
  const messages = read(lang === 'ar' ? 'ar' : 'en');
  return (key) => {
    const m = messages[key]?.message;
    if (!m) throw new Error(`no message ${key}`);
    return m;
  };
}
