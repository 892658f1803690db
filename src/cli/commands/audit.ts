// `vigil audit verify` (rems.md "Audit"): walks the hash chain and names the first broken entry.
// Exit 0 when intact, 1 when broken, so a cron job or a monitoring check can alert on it.
import type { Config } from '../../config.js';
import { verifyAuditChain } from '../../store/audit.js';
import { openDatabase } from '../../store/db.js';

export interface AuditVerifyReport {
  ok: boolean;
  text: string;
}

export async function runAuditVerify(config: Config): Promise<AuditVerifyReport> {
  const database = await openDatabase(config);
  try {
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      const head = result.head ? ` Head: entry ${result.head.seq}, hash ${result.head.hash}.` : '';
      return {
        ok: true,
        text: `Audit chain intact: ${result.count} entries.${head} Keep the head elsewhere to detect removals from the end.`,
      };
    }
    return { ok: false, text: `Audit chain BROKEN at entry ${result.brokenAt}: ${result.reason}` };
  } finally {
    await database.close();
  }
}
