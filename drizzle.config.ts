// drizzle-kit: one schema, one migrations folder for PGlite and PostgreSQL (DESIGN.md).
// `npm run db:generate` after a schema change; migrations are applied by src/store/migrate.ts.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
