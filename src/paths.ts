// Every URL of the portal in one place.
export const paths = {
  home: '/',
  signIn: '/login',
  signOut: '/logout',
  extendSession: '/session/extend',
  top: '/top',
  terms: '/terms',
  help: '/help',
  outbox: '/dev/outbox',
  static: '/static',
  reset: '/reset',
  register: '/register',
  settings: '/settings',
  migration: '/migration',
} as const;

/** SPEC T3: a return address after sign-in must be a same-site path. */
export function safeReturnPath(value: string | undefined | null): string | undefined {
  if (!value || value.length > 512) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\\]/.test(value)) return undefined;
  return value;
}

/** SPEC S8: a path taken from the request, as a link on this site: `//host/x`, `/\host` and control characters collapse to a path here. */
export function sameSitePath(path: string): string {
  return `/${path.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\\/g, '/').replace(/^\/+/, '')}`;
}
