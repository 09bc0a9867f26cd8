// A list of links under a form or a message: the ways back in (reset, new My ID, sign-in, help) and any others.
import type { MessageKey } from '../../src/i18n/index.js';
import type { View } from '../view.js';
import { paths } from '../../src/paths.js';

export type Link = { href: string; text: MessageKey; hint?: MessageKey };

/** The links most pages offer a person who cannot go on: the same text and target everywhere. */
export const ways = {
  reset: { href: paths.reset, text: 'signin.forgotPassword' },
  register: { href: paths.register, text: 'signin.createMyId' },
  signIn: { href: paths.signIn, text: 'common.backToSignIn' },
  help: { href: paths.help, text: 'common.helpLink' },
} as const satisfies Record<string, Link>;

export function LinkList({ v, links }: { v: View; links: readonly Link[] }) {
  return (
    <ul class="link-list">
      {links.map((l) => (
        <li>
          <a href={l.href}>{v.t(l.text)}</a>
          {l.hint && <p class="hint">{v.t(l.hint)}</p>}
        </li>
      ))}
    </ul>
  );
}
