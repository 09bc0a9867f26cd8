// drizzle-kit settings for SQLite: the schema lives in one file, its migrations are generated next to it (drizzle.pg.config.ts: the same for PostgreSQL).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/sqlite/schema.ts',
  out: './src/db/sqlite/migrations',
});
