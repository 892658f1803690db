// What the HTTP app is built from. Everything with an effect arrives here, so a test controls
// the database, the configuration, the clock and where the log goes.
import type { Config } from '../config.js';
import type { Database } from '../store/db.js';
import type { Limits } from './limits.js';
import type { LogDestination } from './logging.js';

export interface AppDeps {
  database: Pick<Database, 'db'>;
  config: Config;
  /** The current instant; injected so tests control session expiry and "today". */
  clock: () => Date;
  /** Where the JSON log lines go (default: standard output). */
  logStream?: LogDestination;
  /** Overrides of the request limits (tests lower them to reach 429 quickly). */
  limits?: Partial<Limits>;
  /** The built web app served at `/` (default: web/dist of this checkout; null: none). */
  webRoot?: string | null;
}
