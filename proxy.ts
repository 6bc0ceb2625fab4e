import { NextResponse, type NextRequest } from 'next/server';

/*
 * Security headers of Wren's own pages. Scripts run only with this response's nonce (Next puts
 * it on its own scripts; 'strict-dynamic' lets them load their chunks), so an injected
 * <script> cannot. Mail is shown in sandboxed iframes (their document written by MailFrame), which inherit this policy and add a stricter
 * one of their own; remote images stay allowed here only for a message whose images the user
 * chose to show. HSTS is sent only over https.
 */

function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (the virtual list positions rows with them).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The service worker (GET /sw.js): without this the browser would check it against
    // script-src, whose 'strict-dynamic' ignores 'self', and refuse to register it.
    "worker-src 'self'",
    "frame-src 'self' about:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  const https = (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '')) === 'https';
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

export const config = {
  // Pages only: API answers (and /metrics) carry their own headers (next.config.ts), the service
  // worker its own (app/sw.js/route.ts), static files need none.
  matcher: [
    {
      source: '/((?!api|metrics|sw\\.js$|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
