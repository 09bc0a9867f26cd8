// Walks a migration over HTTP the way a member would, reading codes from the outbox.
import { expect } from 'vitest';
import type { Harness } from './app.js';
import { browser } from './app.js';

export type Browser = ReturnType<typeof browser>;

/** The newest code sent to `to` (email address or phone digits). */
export async function lastCode(h: Harness, to: string): Promise<string> {
  const entry = (await h.outbox()).find((m) => m.to === to && m.code);
  if (!entry?.code) throw new Error(`no code sent to ${to}`);
  return entry.code;
}

/** Signs in with a legacy or initial ID and accepts the terms; returns the browser at the step after the terms. */
export async function startMigration(h: Harness, id: string, password: string): Promise<{ b: Browser; location: string }> {
  const b = browser(h);
  const signIn = await b.post('/login', { id, password });
  expect(signIn.status).toBe(303);
  expect(signIn.location).toBe('/migration/terms');
  const terms = await b.get('/migration/terms');
  expect(terms.status).toBe(200);
  const agreed = await b.post('/migration/terms', {});
  expect(agreed.status).toBe(303);
  return { b, location: agreed.location! };
}

export const GOOD_PASSWORD = 'Kumo#River82';
