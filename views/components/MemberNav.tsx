// The member menu (SPEC T1, guide ⑪): one list in one place on every signed-in page, only sections that work.
import { paths } from '../../src/paths.js';
import type { View } from '../view.js';

export function MemberNav({ v }: { v: View }) {
  const here = v.path.split('?')[0];
  const items = [
    { href: paths.top, text: v.t('member.navTop') },
    { href: paths.settings, text: v.t('member.settingsLink') },
    { href: `${paths.help}#support`, text: v.t('member.navSupport') },
  ];
  return (
    <nav aria-label={v.t('common.mainNav')} class="member-nav">
      <ul class="wrap">
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.href === here ? 'page' : undefined}>
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
