/** Calls route handlers in-process the way the browser calls them over HTTP. */

const ORIGIN = 'http://wren.test';

export interface CallOptions<P> {
  method?: string;
  body?: unknown;
  cookie?: string;
  params?: P;
  origin?: string | null;
  /** Aborts like a browser that went away (closed tab, newer search). */
  signal?: AbortSignal;
  /** More request headers (Accept-Language). */
  headers?: Record<string, string>;
}

export async function call<P>(
  handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>,
  path: string,
  opts: CallOptions<P> = {},
): Promise<Response> {
  const headers = new Headers({ host: 'wren.test' });
  if (opts.cookie) headers.set('cookie', opts.cookie);
  for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);
  const method = opts.method ?? 'GET';
  if (method !== 'GET' && opts.origin !== null) headers.set('origin', opts.origin ?? ORIGIN);
  if (opts.body !== undefined) headers.set('content-type', 'application/json');
  const req = new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  return handler(req, { params: Promise.resolve(opts.params ?? ({} as P)) });
}

/** The Cookie header value from a sign-in response's Set-Cookie. */
export function cookieFrom(res: Response): string {
  const set = res.headers.get('set-cookie');
  if (!set) throw new Error('no Set-Cookie on the response');
  return set.split(';')[0];
}

/** The lines of an NDJSON response, parsed. */
export async function readNdjson<T>(res: Response): Promise<T[]> {
  const text = await res.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}
