import type { ApiErrorBody } from './types';

/**
 * What the browser itself says when no answer came (the server words every other error, in the
 * user's language): English until the page's I18nProvider sets them (lib/i18n/client.tsx).
 */
export const clientWords = {
  network: 'Cannot reach Wren. Check your connection.',
  requestFailed: (status: number) => `Request failed (${status})`,
};

/** The browser side of the one HTTP contract: JSON in, JSON out, one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function parseError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    if (body.error) return new ApiError(res.status, body.error.code, body.error.message);
  } catch {
    // not our JSON: fall through
  }
  return new ApiError(res.status, 'http_error', clientWords.requestFailed(res.status));
}

type RequestInit = { method?: string; body?: unknown; signal?: AbortSignal };

/** The request behind apiRequest and apiStream (lib/api-stream.ts): errors thrown as ApiError, offline answered from the device. */
export async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const offline = new ApiError(0, 'network', clientWords.network);
    // Offline: mail kept on this device answers, and changes wait for the network (fetched now,
    // from the service worker's cache; without it the request fails as it always did).
    res = await import('./offline/fallback').then(
      (m) => m.answerOffline(path, init, offline),
      () => {
        throw offline;
      },
    );
  }
  if (res.status === 401 && path !== '/api/session' && typeof window !== 'undefined') {
    // A full load on purpose: a lost session must drop every piece of client state.
    // The view the user was on comes back after sign-in (a path of this origin only).
    const here = `${location.pathname}${location.search}`;
    location.assign(here.startsWith('/mail') ? `/login?next=${encodeURIComponent(here)}` : '/login');
  }
  if (!res.ok) throw await parseError(res);
  return res;
}

export async function apiRequest<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await send(path, init);
  if (res.status === 204) return undefined as T;
  const data = (await res.json()) as T;
  // A copy for the service worker, which keeps what is read offline, encrypted (lib/offline/worker.ts):
  // the server's answers only (offline ones are 203), not those asked for with an explicit
  // method: a message fetched ahead is handed over when it is opened (components/message/prefetch.ts).
  if (res.status == 200 && !init.method) navigator.serviceWorker?.controller?.postMessage({ wren: 'keep', path, data });
  return data;
}
