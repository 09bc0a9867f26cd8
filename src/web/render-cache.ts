// Issue 20: a page variant rendered once with a random marker in each per-request value; later requests splice their own values
// in, escaped exactly as hono/jsx escapes text and attributes. Nothing of one request is kept: the cache holds marked templates.
import { randomBytes } from 'node:crypto';
import { escapeToBuffer } from 'hono/utils/html';

const MARK = `m${randomBytes(16).toString('hex')}`;

function escapeHtml(value: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(value, buffer);
  return buffer[0];
}

/** A template: static text at even indexes, slot names at odd ones. */
type Template = string[];

export type RenderCache<S extends string> = (variant: string, values: Record<S, string>, render: (marks: Record<S, string>) => Promise<string>) => Promise<string>;

/** One cache of page variants whose per-request values are the named slots; each value must reach the page as plain escaped text. */
export function renderCache<S extends string>(slots: readonly S[]): RenderCache<S> {
  const marks = Object.fromEntries(slots.map((s) => [s, `${MARK}${s}z`])) as Record<S, string>;
  const pattern = new RegExp(`${MARK}(${slots.join('|')})z`);
  const templates = new Map<string, Template>();
  return async (variant, values, render) => {
    let template = templates.get(variant);
    if (!template) {
      template = (await render(marks)).split(pattern);
      templates.set(variant, template);
    }
    let out = '';
    for (let i = 0; i < template.length; i++) out += i % 2 === 0 ? template[i] : escapeHtml(values[template[i] as S]);
    return out;
  };
}
