// drizzle-kit settings: the SQLite schema lives in one file, its migrations are generated next to it.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/sqlite/schema.ts',
  out: './src/db/sqlite/migrations',
});
