// Reads a posted HTML form into plain strings, refusing anything a browser form would not send (SPEC X4).
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { badFormResponse } from './errors.js';

const MAX_FIELDS = 50;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/** Parses application/x-www-form-urlencoded or multipart bodies; the first value of a repeated field wins. */
export async function readForm(contentType: string, req: Request): Promise<Record<string, string> | undefined> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  // no prototype: fields named constructor, toString or __proto__ are kept like any other, and cannot reach Object.prototype
  const form: Record<string, string> = Object.create(null);
  if (type === 'application/x-www-form-urlencoded') {
    let body: string;
    try {
      body = await req.text();
    } catch {
      return undefined; // the client went away or broke the body mid-way: not a server error
    }
    if (BAD_PERCENT.test(body)) return undefined;
    let params: URLSearchParams;
    try {
      params = new URLSearchParams(body);
    } catch {
      return undefined;
    }
    for (const [k, v] of params) if (!(k in form)) form[k] = v;
  } else if (type === 'multipart/form-data') {
    let data: FormData;
    try {
      data = await req.formData();
    } catch {
      return undefined;
    }
    for (const [k, v] of data) if (typeof v === 'string' && !(k in form)) form[k] = v;
  } else {
    return undefined;
  }
  return Object.keys(form).length > MAX_FIELDS ? undefined : form;
}

export const parseForm: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') {
    c.set('form', {});
    return next();
  }
  // the request itself, not a clone: nothing reads the body after this, and @hono/node-server reads an unread body straight from the
  // socket (issue 20: a clone tees it through web streams)
  const form = await readForm(c.req.header('content-type') ?? '', c.req.raw);
  if (!form) return badFormResponse(c);
  c.set('form', form);
  await next();
};
