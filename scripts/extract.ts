/**
 * naqi extract — the reading view of saved pages, from the command line.
 *
 *   npm run --silent extract -- PAGE.html [PAGE2.html.gz …] [--url URL] [--format json|html|md|text] [--force]
 *
 * Output (stdout):
 *   json  one line per file, in order: {"isArticle": bool, "article": Article|null}
 *         (article is null when the page is not an article, or nothing readable was found)
 *   html  a standalone HTML document per file
 *   md    Markdown per file (RTL bodies wrapped in <div dir="rtl">)
 *   text  title, caption, body paragraphs per file
 *   With several files, html/md/text outputs are separated by a blank line.
 *
 * Exit status:
 *   0  every file was read (including pages that are not articles: for html/md/text
 *      those print `naqi: PAGE is not an article` on stderr and nothing on stdout; json
 *      prints {"isArticle":false,"article":null}; with --force, only a page without
 *      readable text gives no article: `naqi: PAGE has no readable article text`)
 *   1  at least one file could not be read or parsed (one line on stderr per file:
 *      `naqi: cannot read PAGE: reason`; a page over the size guard, counted on its source
 *      before any parsing, is `page too large to read: over 30,000 elements`); the other
 *      files are still processed and printed
 *   2  bad usage (unknown option, missing value, no files); --help prints the usage line and exits 0
 *
 * --force: extract whether or not the page is judged an article (the popup's "show anyway");
 * `isArticle` still reports the verdict. Without it, a page that is not an article gives no article.
 *
 * URL: --url applies to every file; without it the page's canonical link or og:url is used,
 * else file:// and the absolute path.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_ELEMENTS, PageTooLargeError, detectArticle, extractArticle, oversizeHtml } from '../utils/article/index.ts';
import { type ExtractResult, type OutputFormat, formatArticle, formatJson, isOutputFormat } from './lib/format.ts';
import { PageError, type ParsedPage, errorText, loadPage, parsePage } from './lib/load-page.ts';

const USAGE = 'usage: npm run --silent extract -- PAGE.html [PAGE…] [--url URL] [--format json|html|md|text] [--force]';

interface CliOptions {
  files: string[];
  url?: string;
  format: OutputFormat;
  /** Extract even when the page is not judged an article. */
  force: boolean;
}

class UsageError extends Error {}
class HelpRequest extends Error {}

function parseArgs(argv: readonly string[]): CliOptions {
  const files: string[] = [];
  let url: string | undefined;
  let format: OutputFormat = 'json';
  let force = false;
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (onlyFiles || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const takeValue = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value`);
      return value;
    };
    switch (name) {
      case '--url': {
        const value = takeValue();
        try {
          url = new URL(value).href;
        } catch {
          throw new UsageError(`--url: not an absolute URL: ${value}`);
        }
        break;
      }
      case '--format': {
        const value = takeValue();
        if (!isOutputFormat(value)) throw new UsageError(`--format: unknown format ${value}`);
        format = value;
        break;
      }
      case '--force':
        if (eq !== -1) throw new UsageError('--force takes no value');
        force = true;
        break;
      case '-h':
      case '--help':
        throw new HelpRequest();
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (files.length === 0) throw new UsageError('no input file');
  return { files, url, format, force };
}

type FileOutcome = { kind: 'ok'; result: ExtractResult; output: string | null } | { kind: 'error'; message: string };

async function processFile(file: string, options: CliOptions): Promise<FileOutcome> {
  let page: ParsedPage;
  const tooLarge = `cannot read ${file}: ${new PageTooLargeError(MAX_ELEMENTS).message}`;
  try {
    const { html } = await loadPage(file);
    // Counted on the source, before jsdom builds a tree: a 200,000-element page would take
    // seconds and a gigabyte to parse only to be refused.
    if (oversizeHtml(html) !== null) return { kind: 'error', message: tooLarge };
    page = parsePage(html, { url: options.url, fallbackUrl: pathToFileURL(resolve(file)).href, name: file });
  } catch (err) {
    return { kind: 'error', message: `cannot read ${file}: ${err instanceof PageError ? err.reason : errorText(err)}` };
  }
  try {
    const { isArticle, signals } = detectArticle(page.doc, page.url);
    if (signals.some((s) => s.name === 'too-large')) return { kind: 'error', message: tooLarge };
    const article = isArticle || options.force ? extractArticle(page.doc, page.url) : null;
    const result: ExtractResult = { isArticle, article };
    if (options.format === 'json') return { kind: 'ok', result, output: formatJson(result) };
    if (!article) return { kind: 'ok', result, output: null };
    const view = page.doc.defaultView;
    if (!view) throw new Error('the page has no window');
    return { kind: 'ok', result, output: formatArticle(article, options.format, view) };
  } catch (err) {
    if (err instanceof PageTooLargeError) return { kind: 'error', message: tooLarge };
    return { kind: 'error', message: `cannot read ${file}: extraction failed: ${errorText(err)}` };
  } finally {
    page.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof HelpRequest) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`naqi: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  let status = 0;
  let printed = 0;
  for (const file of options.files) {
    const outcome = await processFile(file, options);
    if (outcome.kind === 'error') {
      process.stderr.write(`naqi: ${outcome.message}\n`);
      status = 1;
      continue;
    }
    if (outcome.output === null) {
      const why = outcome.result.isArticle || options.force ? 'has no readable article text' : 'is not an article';
      process.stderr.write(`naqi: ${file} ${why}\n`);
      continue;
    }
    const separator = options.format !== 'json' && printed > 0 ? '\n' : '';
    // A file's text already ends its last line; JSON is one line.
    process.stdout.write(`${separator}${outcome.output.replace(/\n*$/, '\n')}`);
    printed++;
  }
  return status;
}

process.exitCode = await main(process.argv.slice(2));
