// drizzle-kit settings for SQLite: the schema is the barrel schema.ts (drizzle-kit follows its re-exports of schema/), its migrations are generated next to it (drizzle.pg.config.ts: the same for PostgreSQL).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/sqlite/schema.ts',
  out: './src/db/sqlite/migrations',
});
