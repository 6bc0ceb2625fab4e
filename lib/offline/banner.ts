/*
 * The offline bar (#19): plain DOM, like the new-version bar of lib/pwa/boot.ts, so that neither
 * the mail view nor the offline shell carries it in its first download (lib/offline/fallback.ts
 * shows it). It says Wren is offline and lists the changes waiting for the network.
 */

const ID = 'wren-offline';

/** Whether Wren is showing kept mail for want of a network (the bar is up); the browser's online flag can be wrong both ways. */
export const offlineShown = () => !!document.getElementById(ID);

/** Shows the bar with the changes waiting (`labels`), or takes it away (null). */
export function showOfflineBanner(labels: string[] | null) {
  let bar = document.getElementById(ID);
  if (labels === null) {
    bar?.remove();
    return;
  }
  if (!bar) {
    bar = document.createElement('section');
    bar.id = ID;
    bar.setAttribute('role', 'status');
    bar.setAttribute('aria-label', 'Offline');
    bar.className = 'fixed inset-x-0 top-0 z-40 mx-auto w-fit max-w-[90vw] rounded-b-lg bg-amber-100 px-4 py-1.5 text-sm text-amber-950 shadow';
    document.body.append(bar);
  }
  const title = document.createElement('p');
  title.className = 'font-semibold';
  title.textContent = 'You are offline: showing mail kept on this device';
  bar.replaceChildren(title);
  if (labels.length) {
    const heading = document.createElement('p');
    heading.textContent = `Waiting for the connection (${labels.length}):`;
    const list = document.createElement('ul');
    list.setAttribute('aria-label', 'Waiting for the connection');
    list.className = 'list-disc pl-5';
    for (const label of labels) {
      const item = document.createElement('li');
      item.textContent = label;
      list.append(item);
    }
    bar.append(heading, list);
  }
}
