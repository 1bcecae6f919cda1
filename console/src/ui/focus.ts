/**
 * After an action removed the element that had focus (a row's Remove button, whose dialog gives
 * focus back to it), keyboard and screen-reader users would be left on nothing: focus goes to the
 * page's main content instead, once the page has drawn the change.
 */
export function keepFocusInPage(): void {
  setTimeout(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) document.getElementById('content')?.focus();
  }, 30);
}
