import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EXTENSION_DIR, FIXTURES_DIR, FIREFOX_EXTENSION_DIR, ROOT } from '../../../scripts/lib/paths.ts';
import { startFixtureServer } from '../../../scripts/lib/fixture-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the fixture server, with a trailing slash: `${fixtureBaseUrl}${slug}/`. */
    fixtureBaseUrl: string;
  }
}

/**
 * Runs once per `vitest run`: checks the build under test (Chromium's, or Firefox's when
 * NAQI_BROWSER=firefox), starts the one fixture server all test files share.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const firefox = (project.config.env as Record<string, string> | undefined)?.NAQI_BROWSER === 'firefox';
  const manifest = join(firefox ? FIREFOX_EXTENSION_DIR : EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`no built extension at ${relative(ROOT, manifest)}: run npm run ${firefox ? 'build:firefox' : 'build'} first`);
  }
  warnIfStale(statSync(manifest).mtimeMs);

  const server = await startFixtureServer(FIXTURES_DIR);
  project.provide('fixtureBaseUrl', server.url);
  return server.close;
}

/** The tests drive the built extension, not the sources: say so when the sources are newer. */
function warnIfStale(builtAt: number): void {
  const newer = ['entrypoints', 'utils', 'components', 'public', 'wxt.config.ts']
    .map((p) => join(ROOT, p))
    .filter((p) => existsSync(p) && newestMtime(p) > builtAt);
  if (newer.length > 0) {
    console.warn(`[e2e] sources changed since the last build (${newer.map((p) => relative(ROOT, p)).join(', ')}); run npm run build`);
  }
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}
