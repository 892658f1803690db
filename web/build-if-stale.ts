// Builds web/dist when it is missing or older than its sources (`npm start` runs this first via
// `prestart`; the browser tests call it too). Sources: the app itself and the shared code it
// bundles (src/contracts and what they import from src/protocol and src/store/schema).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(REPO, 'web');
export const WEB_DIST = join(WEB, 'dist');
const SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(REPO, 'src', 'contracts'),
  join(REPO, 'src', 'protocol'),
  join(REPO, 'src', 'store', 'schema'),
  join(REPO, 'package-lock.json'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export type Freshness = { kind: 'fresh' } | { kind: 'stale'; reason: 'missing' | 'older-than-sources' };

export function webFreshness(): Freshness {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) {
    return { kind: 'stale', reason: 'missing' };
  }
  const built = statSync(index).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built)
    ? { kind: 'stale', reason: 'older-than-sources' }
    : { kind: 'fresh' };
}

export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  await build({ root: WEB, configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}

/** Build unless fresh; returns what it found. */
export async function buildWebIfStale(): Promise<Freshness> {
  const freshness = webFreshness();
  if (freshness.kind === 'stale') {
    await buildWeb();
  }
  return freshness;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = await buildWebIfStale();
  process.stdout.write(
    found.kind === 'fresh'
      ? 'web/dist is up to date.\n'
      : `web/dist was ${found.reason}: built the web app.\n`,
  );
}
