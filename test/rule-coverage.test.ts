// Every rule ID of the rule book is named by at least one test (issue: "every rule ID in
// protocol.md is named by at least one test"), and every ID the programs use has a text.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../src/protocol/programs/index.js';

const ROOT = join(import.meta.dirname, '..');
const RULE_ID = /\b(?:IND|CI|VAC|CAU|BASE|DOSE|ADM|PRE|INF|MON|ALR|REP|CAM)-[0-9A-Z]+[a-z]?\b/g;

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return testFiles(path);
    }
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** IDs named in a describe() title: the convention is `describe('PRE-3 …', …)`. */
function describedIds(): Set<string> {
  const ids = new Set<string>();
  for (const file of testFiles(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(
      /describe(?:\.each\([^)]*\))?\(\s*['"`]([^'"`]+)['"`]/g,
    )) {
      for (const id of (m[1] ?? '').matchAll(RULE_ID)) {
        ids.add(id[0]);
      }
    }
  }
  return ids;
}

const programIds = [...new Set(PROGRAMS.flatMap((p) => Object.keys(p.rules)))].filter((id) =>
  id.match(RULE_ID),
);

describe('rule coverage', () => {
  const described = describedIds();

  it.each(programIds)('%s is named by a describe() in a test', (id) => {
    expect(described.has(id), `no describe('${id} …') in src/**/*.test.ts`).toBe(true);
  });

  const spec = join(ROOT, '..', 'shared', 'spec', 'protocol.md');
  it.runIf(existsSync(spec))('every rule ID in protocol.md has a text in a program definition', () => {
    const specIds = new Set(
      [...readFileSync(spec, 'utf8').matchAll(/^\| ([A-Z]+-[0-9A-Za-z]+) \|/gm)].map((m) => m[1]),
    );
    const missing = [...specIds].filter((id) => id !== undefined && !programIds.includes(id));
    expect(missing).toEqual([]);
  });
});
