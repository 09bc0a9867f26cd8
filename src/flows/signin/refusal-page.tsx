// Issue 20: the sign-in refusal pages (SPEC L5 lock, L7 throttle) from a render cache: the page's shape per language and
// variant rendered once, the CSRF token, the typed ID and the throttle's time spliced in per request.
import { SignInPage } from '../../../views/pages/signin/SignInPage.js';
import type { View } from '../../../views/view.js';
import type { Support } from '../../../views/components/SupportDesk.js';
import { renderCache, type RenderCache } from '../../web/render-cache.js';

export type RefusalProps = {
  id?: string;
  failure: 'throttled' | 'lockedMyId' | 'lockedLegacy';
  retryAt?: number;
  errors: { field: string; message: string }[];
  support?: Support;
};
export type RefusalPageCache = RenderCache<'csrf' | 'id' | 'time'>;

export const refusalPageCache = (): RefusalPageCache => renderCache(['csrf', 'id', 'time'] as const);

/**
 * The page SignInPage renders for `v` and `props` without a `next` or notice, byte for byte. The variant holds every input the
 * page's shape depends on (the view's language, the failure, the typed ID's shape); the slots only what is plain text in it.
 * Only for a view of POST /login without a session: everything else in `v` is the app's, the same for every such request.
 */
export function cachedRefusalPage(cache: RefusalPageCache, v: View, props: RefusalProps): Promise<string> {
  const id = props.id ?? '';
  const variant = `${v.lang}|${props.failure}|${id.includes('@')}|${id === ''}|${props.errors.map((e) => `${e.field}:${e.message}`).join('\n')}`;
  const values = { csrf: v.csrf, id, time: v.clockTime(props.retryAt ?? 0) };
  return cache(variant, values, async (marks) => {
    const marked: View = { ...v, csrf: marks.csrf, clockTime: () => marks.time };
    return (<SignInPage v={marked} {...props} id={id === '' ? undefined : marks.id} emailShaped={id.includes('@')} />).toString();
  });
}
