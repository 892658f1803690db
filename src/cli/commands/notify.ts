// `vigil notify --once`: deliver the notification outbox until nothing is due (for cron). Without
// VIGIL_SMTP_URL, email rows are left for a run that has it.
import type { Config } from '../../config.js';
import { configuredNotifier } from '../../jobs/run.js';
import type { DeliveryReport } from '../../jobs/notify.js';
import { openDatabase } from '../../store/db.js';

export async function runNotifyOnce(
  config: Config,
  clock: () => Date = () => new Date(),
): Promise<DeliveryReport> {
  const database = await openDatabase(config);
  const { notifier, close } = configuredNotifier(database, config, clock);
  try {
    return await notifier.drain();
  } finally {
    close();
    await database.close();
  }
}

export function notifySummary(r: DeliveryReport): string {
  return `Outbox: ${String(r.claimed)} claimed, ${String(r.sent)} sent, ${String(r.retrying)} to retry, ${String(r.failed)} failed.`;
}
