// Issue 20: stdout is written in batches, yet a quiet line still arrives within LOG_FLUSH_MS and nothing buffered is lost when
// the process exits. A real child process writes through the real logger to a real pipe.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LOG_FLUSH_MS } from '../../src/log/logger.js';

const root = join(import.meta.dirname, '..', '..');
const script = `
import { createLogger } from './src/log/logger.ts';
const logger = createLogger('info');
logger.info({ n: 1 }, 'quiet line');
process.stdin.once('data', () => {
  for (let n = 2; n <= 4; n++) logger.info({ n }, 'line before exit');
  process.exit(0);
});
`;

describe('the stdout logger', () => {
  it('writes a lone line within the flush interval, and every buffered line at exit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill());
    let out = '';
    let firstAt = 0;
    const started = performance.now();
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!firstAt && out.includes('quiet line')) {
        firstAt = performance.now();
        child.stdin.write('go\n');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { n: number; msg: string });
    expect(lines.map((l) => l.n)).toEqual([1, 2, 3, 4]);
    // the first line waited for the timer, not for 4 KiB; the child's start-up (tsx) is most of the time
    expect(firstAt - started).toBeLessThan(10_000);
    expect(LOG_FLUSH_MS).toBeLessThanOrEqual(250);
  }, 20_000);
});
