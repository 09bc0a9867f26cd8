// Precompiles the server into dist/ so `npm start` runs plain node: no TypeScript compile at start-up (SPEC P6 start-up and memory).
// Native and third-party packages stay in node_modules; the migrations and the demo data file go next to the bundle.
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
});
cpSync('src/db/sqlite/migrations', 'dist/migrations', { recursive: true });
cpSync('src/cli/demo.csv', 'dist/demo.csv');
