// The page shell: lang, skip link, header with brand, language switch and help link, main, footer (SPEC X6).
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { View } from '../view.js';
import { MemberNav } from '../components/MemberNav.js';
import { SessionTime } from '../components/SessionTime.js';

/** SPEC O1: a demo says so on every page, and what it publishes. */
function DemoBanner({ v }: { v: View }) {
  return (
    <div class="demo-banner">
      <div class="wrap">
        <p>
          <strong class="demo-banner-title">{v.t('common.demoBanner')}</strong>
          {[v.demo?.data && v.t('common.demoBannerData'), v.demo?.outbox && v.t('common.demoBannerOutbox')].filter(Boolean).join(v.lang === 'ja' ? '' : ' ')}
        </p>
      </div>
    </div>
  );
}

type Props = { v: View; title: string; hasErrors?: boolean; children?: Child };

export function Page({ v, title, hasErrors = false, children }: Props) {
  const other = v.lang === 'ja' ? 'en' : 'ja';
  const sep = v.path.includes('?') ? '&' : '?';
  // the doctype keeps browsers out of quirks mode (html-validate: missing-doctype)
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang={v.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${hasErrors ? v.t('common.errorPrefix') : ''}${title} | ${v.brand}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {v.t('common.skipLink')}
        </a>
        <header class="site-header">
          {v.demo && <DemoBanner v={v} />}
          <div class="wrap header-row">
            <a class="brand" href={v.signedIn ? '/top' : '/'}>
              {v.brand}
            </a>
            <ul class="header-links">
              <li>
                <a href={`${v.path}${sep}lang=${other}`} hreflang={other} lang={other} aria-label={v.t('common.languageSwitchLabel')}>
                  {v.t('common.languageSwitch')}
                </a>
              </li>
              <li>
                <a href="/help">{v.t('common.helpLink')}</a>
              </li>
              {v.signedIn && (
                <li>
                  <form method="post" action="/logout" class="inline-form">
                    <input type="hidden" name="csrf" value={v.csrf} />
                    <button type="submit" class="link-button">
                      {v.t('common.signOut')}
                    </button>
                  </form>
                </li>
              )}
            </ul>
          </div>
          {v.member?.nav && <MemberNav v={v} />}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          <SessionTime v={v} />
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{v.t('common.footerNote')}</p>
            <ul class="footer-links">
              <li>
                <a href="/help">{v.t('common.helpLink')}</a>
              </li>
              {v.devOutbox && (
                <li>
                  <a href="/dev/outbox">{v.t('common.outboxLink')}</a>
                </li>
              )}
            </ul>
          </div>
        </footer>
      </body>
    </html>
    </>
  );
}
