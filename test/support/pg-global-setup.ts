// vitest globalSetup of the PostgreSQL project (SPEC Z5): one throwaway cluster for the run, with a migrated template database
// from which every harness gets a fresh database (test/helpers/stores.ts). Without PostgreSQL: one line and a failed run, unless SKIP_PG=1.
import pg from 'pg';
import { openPostgres } from '../../src/db/pg/index.js';
import { canRunAsPostgres, findPgBin, startCluster, type Cluster } from './pg-cluster.js';
import { freePort } from './portal-process.js';

export const TEMPLATE_DB = 'portal_template';

let cluster: Cluster | undefined;

export async function setup(): Promise<void> {
  const bin = findPgBin();
  if (!bin || !canRunAsPostgres()) {
    console.error('npm test needs PostgreSQL (initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin, and a postgres user when run as root): apt-get install postgresql, or SKIP_PG=1 to run without the PostgreSQL tests');
    process.exit(1);
  }
  cluster = startCluster(await freePort(), bin);
  const client = new pg.Client({ connectionString: cluster.url() });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await client.end();
  const template = await openPostgres(cluster.url(TEMPLATE_DB), { max: 1 });
  await template.close();
  // the workers start after this and inherit it
  process.env.TEST_PG_URL = cluster.url();
}

export function teardown(): void {
  cluster?.stop();
}
