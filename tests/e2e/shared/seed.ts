import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../../scripts/lib/paths.ts';

/** The seed article (tests/fixtures/pages/ar-enabbaladi-seed) as the browser tests check it. */
const expected = JSON.parse(readFileSync(join(FIXTURES_DIR, 'ar-enabbaladi-seed', 'expected.json'), 'utf8')) as {
  title: string;
  mustContain: string[];
};
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

export const SEED_TITLE = expected.title;
/** The first paragraph. */
export const SEED_TEXT = flat(expected.mustContain[0] ?? '');
/** Clutter a reader sees on the raw page: the appeal, the related list, the share bar. */
export const SEED_CLUTTER = ['ادعم عنب بلدي', 'اضغط هنا للمساهمة', 'مقالات متعلقة', 'واتساب'];
