// The hashing limit: raw Argon2id verifications per second at the portal's parameters, with N verifications in flight.
// Usage: tsx bench/argon2-raw.ts <concurrency> <seconds>; reads the encoded hash and password as JSON on argv[4].
import { verify } from '@node-rs/argon2';

const concurrency = Number(process.argv[2]);
const seconds = Number(process.argv[3]);
const { hash, password } = JSON.parse(process.argv[4]) as { hash: string; password: string };

async function main(): Promise<void> {
  if (!(await verify(hash, password))) throw new Error('the bench hash does not verify its password');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  const lane = async () => {
    while (performance.now() < until) {
      await verify(hash, password);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(JSON.stringify({ verifications: done, seconds: elapsed, perSecond: done / elapsed, cpuSeconds }) + '\n');
}

void main();
