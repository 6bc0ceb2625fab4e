/**
 * Rows and folders are real links, so middle-click, Ctrl-click, Cmd-click and Shift-click open
 * them in a new tab or window as the browser does. A plain left click stays in the page: this
 * returns true, having stopped the browser's own navigation, when the app should handle it.
 */
export function isPlainClick(event: React.MouseEvent): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  event.preventDefault();
  return true;
}
