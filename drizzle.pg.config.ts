// drizzle-kit settings for PostgreSQL (SPEC Z1): its own schema file and its own generated migrations (npm run db:generate:pg).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './src/db/pg/migrations',
});
