// The tokens of cookies (sessions, flows, CSRF): 256 random bits each, URL-safe, never the same twice, across the pool's refills too.
import { describe, expect, it } from 'vitest';
import { newToken } from '../../src/auth/secrets.js';

describe('newToken', () => {
  it('gives 43 URL-safe characters (32 bytes), all different over many refills of its pool', () => {
    const tokens = Array.from({ length: 5_000 }, newToken);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(Buffer.from(tokens[0], 'base64url')).toHaveLength(32);
  });

  it('looks random: every byte value appears, none far more often than the others', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4_000; i++) for (const b of Buffer.from(newToken(), 'base64url')) counts[b]++;
    // 128,000 bytes: 500 of each value expected; a zero-filled or repeated slice would push one value far over
    expect(Math.min(...counts)).toBeGreaterThan(350);
    expect(Math.max(...counts)).toBeLessThan(650);
  });
});
