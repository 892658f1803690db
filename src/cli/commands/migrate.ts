// `vigil migrate`: apply the pending migrations (drizzle/) to the configured database.
import type { Config } from '../../config.js';
import { openDatabase } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';

export async function runMigrate(config: Config): Promise<string> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  return `Migrations applied (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}).`;
}
