import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(relative(ROOT, path)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(relative(ROOT, path));
  }
  return out;
}

const code = (file: string): string =>
  readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('architecture', () => {
  it('keeps the core pure: no extension API, no page globals, no WXT imports', () => {
    const offenders = sources('utils/article').flatMap((file) => {
      const text = code(file);
      return [/\bbrowser\./, /\bchrome\./, /#imports/, /from 'wxt/, /\bwindow\./, /(?<![.\w])document\./, /(?<![.\w])location\./, /\bsetTimeout\b/]
        .filter((re) => re.test(text))
        .map((re) => `${file}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it('renders page HTML through one sanitised sink only', () => {
    const files = ['entrypoints', 'components', 'utils'].flatMap((d) => {
      try {
        return sources(d);
      } catch {
        return [];
      }
    });
    const sinks = files.filter((f) => /\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/.test(code(f)));
    expect(sinks.filter((f) => f !== 'components/ArticleBody.tsx')).toEqual([]);
  });
});
