// `vigil start` (= `npm start`): migrate, load the demo data on the first run (README "Demo
// accounts"), and serve. The demo seed runs before the first-run administrator bootstrap, which
// then finds the demo accounts and stays out of the way.
import type { Config } from '../../config.js';
import { todayAt } from '../../server/today.js';
import type { Database } from '../../store/db.js';
import { DEMO_PASSWORD, seedDemo } from '../seed-demo.js';
import { runServe, type ServeOptions } from './serve.js';

export async function seedDemoOnce(
  database: Database,
  now: Date,
  print: (line: string) => void,
): Promise<void> {
  const result = await seedDemo(database, now, todayAt(now));
  if (result.kind === 'seeded') {
    print(
      `Demo data loaded: ${result.patients} patients, ${result.accounts} accounts (password "${DEMO_PASSWORD}", see README).`,
    );
  }
}

export async function runStart(config: Config, options: ServeOptions = {}): Promise<void> {
  await runServe(config, { ...options, prepare: seedDemoOnce });
}
