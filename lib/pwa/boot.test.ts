// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootServiceWorker } from './boot';

// The page side of the worker against a stand-in for the browser's ServiceWorkerContainer: the
// order of its events is what is under test, and only a real browser under load produces the
// order of the first case (the WebKit engine journey saw it: a first install offered itself as
// "a new version" and its bar covered the message's Reply button).

class FakeWorker extends EventTarget {
  state = 'installing';
  postMessage = vi.fn();
  /** Moves to `state` and fires statechange, as the browser does in a task of its own. */
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
  update = vi.fn(() => Promise.resolve());
  /** A new version starts installing. */
  found(worker: FakeWorker) {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
}

function boot(registration: FakeRegistration, controller: FakeWorker | null, reload: () => void = vi.fn()) {
  const container = Object.assign(new EventTarget(), {
    controller,
    register: vi.fn(() => Promise.resolve(registration)),
    getRegistration: vi.fn(() => Promise.resolve(registration.active ? registration : undefined)),
    startMessages: vi.fn(),
  });
  Object.defineProperty(navigator, 'serviceWorker', { value: container, configurable: true });
  bootServiceWorker({ script: '/sw.js', text: 'A new version of Wren is ready', action: 'Reload', barClass: '', buttonClass: '', noticesClass: '', noticeClass: '' }, reload);
  return container;
}

const bar = () => document.getElementById('wren-update');

afterEach(() => {
  bar()?.remove();
  vi.useRealTimers();
});

describe('bootServiceWorker: the new-version bar', () => {
  it('a first install never offers itself, even when it has taken the page over before its "installed" event is handled', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const registration = new FakeRegistration();
    const container = boot(registration, null);
    await vi.waitFor(() => expect(container.register).toHaveBeenCalled());
    await Promise.resolve();
    const first = new FakeWorker();
    registration.found(first);
    // The worker activated and claimed the page; the "installed" event comes after.
    registration.active = first;
    container.controller = first;
    first.become('installed');
    first.become('activated');
    expect(bar()).toBeNull();
  });

  it('a version installed beside the running one is offered, and Reload lets it take over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const running = new FakeWorker();
    running.state = 'activated';
    const registration = new FakeRegistration();
    registration.active = running;
    const container = boot(registration, running);
    await vi.waitFor(() => expect(container.register).toHaveBeenCalled());
    await Promise.resolve();
    const next = new FakeWorker();
    registration.found(next);
    next.become('installed');
    expect(bar()?.textContent).toContain('A new version of Wren is ready');
    bar()?.querySelector('button')?.click();
    expect(next.postMessage).toHaveBeenCalledWith('skip-waiting');
  });

  /** A running version, and a new one offered in the bar; `reload` is the page's. */
  async function offered(reload: () => void) {
    const running = new FakeWorker();
    running.state = 'activated';
    const registration = new FakeRegistration();
    registration.active = running;
    const container = boot(registration, running, reload);
    await vi.waitFor(() => expect(container.register).toHaveBeenCalled());
    await Promise.resolve();
    const next = new FakeWorker();
    registration.found(next);
    next.become('installed');
    return { container, next, button: bar()!.querySelector('button')! };
  }

  it('Reload reloads the page once the new version has taken it over', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const reload = vi.fn();
    const { container, button } = await offered(reload);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).not.toHaveBeenCalled(); // not asked yet: another tab's Reload does not reload this one
    button.click();
    expect(button.disabled).toBe(true);
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Reload reloads the page within 5 s even when the browser never hands it to the new version', async () => {
    vi.useFakeTimers();
    const reload = vi.fn();
    const { next, button } = await offered(reload);
    button.click();
    expect(next.postMessage).toHaveBeenCalledWith('skip-waiting');
    await vi.advanceTimersByTimeAsync(4_900);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Reload of a version already replaced by a newer one (redundant) reloads at once', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const reload = vi.fn();
    const { next, button } = await offered(reload);
    next.become('redundant');
    button.click();
    expect(next.postMessage).not.toHaveBeenCalled();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
