// A Wren client for the bench: calls the API over HTTP with a session cookie, as the browser does.

export class WrenClient {
  /** @param {string} baseUrl e.g. http://127.0.0.1:3300 */
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
  }

  /** POST /api/session; keeps the sealed cookie. Throws on failure. */
  async signIn(username, password) {
    const res = await this.request('POST', '/api/session', { username, password });
    const setCookie = res.headers.get('set-cookie') ?? '';
    this.cookie = setCookie.split(';')[0];
    if (!res.ok || !this.cookie) throw new Error(`sign-in failed: ${res.status}`);
    await res.arrayBuffer();
    return this;
  }

  /** Any call; non-GET requests carry Origin (Wren refuses them without it). */
  async request(method, path, body, init = {}) {
    const headers = { ...(this.cookie ? { cookie: this.cookie } : {}), ...(init.headers ?? {}) };
    if (method !== 'GET') headers.origin = this.baseUrl;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: init.signal });
  }

  /** A JSON call that must succeed; throws with the error body otherwise. */
  async json(method, path, body) {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  }
}
