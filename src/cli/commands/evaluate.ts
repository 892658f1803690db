// `vigil evaluate FILE…` (spec/evaluate.md): a thin face over the pure engine. One file prints
// its verdict; several print an array of verdicts, each naming its `source`.
import { readFile } from 'node:fs/promises';
import { timelineSchema } from '../../contracts/timeline.js';
import { VigilError } from '../../errors/outcome.js';
import { fromZodError } from '../../errors/normalize.js';
import { evaluate } from '../../protocol/evaluate.js';
import type { Verdict } from '../../protocol/verdict.js';

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new VigilError('invalid', `${file}: cannot be read`, [{ message: `${file}: cannot be read` }]);
  }
}

/** Parse and evaluate one timeline document; every fault is a VigilError naming its JSON path. */
export function evaluateDocument(text: string): Verdict {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : 'parse error';
    throw new VigilError('invalid', `(root): not valid JSON (${detail})`, [
      { path: '(root)', message: `not valid JSON (${detail})` },
    ]);
  }
  const parsed = timelineSchema.safeParse(json);
  if (!parsed.success) {
    throw fromZodError(parsed.error);
  }
  return evaluate(parsed.data);
}

export async function runEvaluate(files: readonly string[], opts: { summary?: boolean }): Promise<string> {
  const verdicts: { source: string; verdict: Verdict }[] = [];
  for (const file of files) {
    verdicts.push({ source: file, verdict: evaluateDocument(await readInput(file)) });
  }
  if (opts.summary) {
    return verdicts.map(({ source, verdict }) => summaryLine(source, verdict)).join('\n');
  }
  const only = verdicts.length === 1 ? verdicts[0] : undefined;
  if (only) {
    return JSON.stringify(only.verdict, null, 2);
  }
  return JSON.stringify(
    verdicts.map(({ source, verdict }) => ({ source, ...verdict })),
    null,
    2,
  );
}

/** One human line per timeline: eligibility, overdue monitoring, the worst open alert. */
function summaryLine(source: string, v: Verdict): string {
  const overdue = v.monitoring.filter((m) => m.status === 'overdue').length;
  const worst = v.alerts.reduce<string>((acc, a) => {
    const order = ['info', 'warning', 'urgent', 'critical'];
    return order.indexOf(a.severity) > order.indexOf(acc) ? a.severity : acc;
  }, 'none');
  const next = v.nextCourse ? `course ${v.nextCourse.number} from ${v.nextCourse.earliestStart}` : 'none';
  const campath = v.campath ? `; campath ${v.campath.phase} next ${v.campath.nextDoseMg ?? '-'} mg` : '';
  return `${source}: ${v.eligibility.status}; next ${next}; ${overdue} overdue; ${v.alerts.length} alerts (worst ${worst})${campath}`;
}
