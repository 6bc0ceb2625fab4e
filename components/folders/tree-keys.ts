/*
 * The folder tree's keys (WAI-ARIA tree pattern), fetched when the tree first takes focus: Up
 * and Down move between the items shown, Home and End to the first and last, Right expands a
 * collapsed parent or enters an open one, Left collapses an open parent or goes to the parent,
 * Enter opens the folder. Focus moves for real (roving tabindex, FolderTree.tsx).
 */

export function onTreeKey(item: HTMLElement, key: string, toggle: (path: string) => void) {
  const items = [...item.closest('[role="tree"]')!.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const at = items.indexOf(item);
  const level = Number(item.getAttribute('aria-level'));
  const expanded = item.getAttribute('aria-expanded');
  const path = item.dataset.path;
  let next: HTMLElement | undefined;
  if (key === 'ArrowDown') next = items[at + 1];
  else if (key === 'ArrowUp') next = items[at - 1];
  else if (key === 'Home') next = items[0];
  else if (key === 'End') next = items[items.length - 1];
  else if (key === 'Enter') item.querySelector('a')?.click();
  else if (key === 'ArrowRight') {
    if (expanded === 'false' && path) toggle(path);
    else if (expanded === 'true') next = items[at + 1];
  } else if (expanded === 'true' && path) toggle(path);
  else next = items.slice(0, at).findLast((i) => Number(i.getAttribute('aria-level')) < level);
  next?.focus();
}
