import 'server-only';

/**
 * Route handlers have no CSRF protection of their own: a non-GET must come from a page of
 * this origin. Browsers always send Origin on such requests, so a missing one is refused too.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return false;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (!host) return false;
  try {
    return new URL(origin).host === host.split(',')[0].trim();
  } catch {
    return false;
  }
}

/** Whether the browser reached us over https (directly or through a proxy). */
export function isSecureRequest(req: Request): boolean {
  const forwarded = req.headers.get('x-forwarded-proto');
  if (forwarded) return forwarded.split(',')[0].trim() === 'https';
  return new URL(req.url).protocol === 'https:';
}
