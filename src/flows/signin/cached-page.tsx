// Issue 20: the sign-in page from a render cache — the plain GET /login (SPEC P1), its notices and the refusal pages a flood meets
// (L5 lock, L7 throttle, the generic failure): the page's shape rendered once per language and variant, the per-request values
// (the CSRF token, the path of the language switch, the return path, the typed ID, the throttle's time) spliced in.
import { SignInPage, type SignInFailure, type SignInNotice } from '../../../views/pages/signin/SignInPage.js';
import type { FieldError, View } from '../../../views/view.js';
import type { Support } from '../../../views/components/SupportDesk.js';
import { renderCache, type RenderCache } from '../../web/render-cache.js';

export type SignInProps = { id?: string; next?: string; notice?: SignInNotice; failure?: SignInFailure; retryAt?: number; errors?: FieldError[]; support?: Support };
export type SignInPageCache = RenderCache<'csrf' | 'path' | 'query' | 'next' | 'id' | 'time'>;

export const signInPageCache = (): SignInPageCache => renderCache(['csrf', 'path', 'query', 'next', 'id', 'time'] as const);

/**
 * Whether the page can come from the cache: a view without a session (no member facts, whose times change), and not the
 * migration budget page (its message holds a time, which would make a variant a minute).
 */
export function cacheable(v: View, props: SignInProps): boolean {
  return !v.signedIn && v.member === undefined && props.failure !== 'migrationBudget';
}

/** The typed ID's shape, all the page's markup depends on: absent, empty, a My ID (an email address, issue 19) or not. */
const idShape = (id: string | undefined) => (id === undefined ? '-' : id === '' ? '0' : id.includes('@') ? '@' : 'a');

/**
 * The page SignInPage renders for `v` and `props`, byte for byte, for a view `cacheable` accepts. The variant holds every input
 * the page's shape depends on (the view's language and the app's facts, the notice, the failure and its messages, whether a
 * return path and a query are there, the typed ID's shape); the slots only what is plain text or an attribute's text in it.
 */
export function cachedSignInPage(cache: SignInPageCache, v: View, props: SignInProps): Promise<string> {
  const { id, next, failure } = props;
  const errors = props.errors ?? [];
  const q = v.path.indexOf('?');
  const variant = [
    v.lang,
    v.brand,
    v.devOutbox,
    v.demo?.data,
    v.demo?.outbox,
    q >= 0,
    props.notice,
    failure,
    next !== undefined,
    idShape(id),
    props.support && `${props.support.phone}\t${props.support.hours}`,
    ...errors.map((e) => `${e.field}:${e.message}`),
  ].join('\n');
  const values = {
    csrf: v.csrf,
    path: q >= 0 ? v.path.slice(0, q) : v.path,
    query: q >= 0 ? v.path.slice(q + 1) : '',
    // the page writes the return path into the form's action URL-encoded: the slot holds it so
    next: next === undefined ? '' : encodeURIComponent(next),
    id: id ?? '',
    time: failure === 'throttled' ? v.clockTime(props.retryAt ?? 0) : '',
  };
  return cache(variant, values, async (marks) => {
    // the language switch picks `?` or `&` from whether the path has a query: the marked path keeps that
    const marked: View = { ...v, csrf: marks.csrf, path: q >= 0 ? `${marks.path}?${marks.query}` : marks.path, clockTime: () => marks.time };
    const markedId = id === undefined || id === '' ? id : marks.id;
    const page = <SignInPage v={marked} {...props} id={markedId} next={next === undefined ? undefined : marks.next} emailShaped={(id ?? '').includes('@')} />;
    return page.toString();
  });
}
