// SPEC X1: the headers every response carries — no script source at all; forms, styles and images from this origin only.
import { secureHeaders } from 'hono/secure-headers';

export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'same-origin', // GOTCHAS: no-referrer makes Chromium send Origin: null on form posts
  strictTransportSecurity: false,
  xFrameOptions: 'DENY',
});
