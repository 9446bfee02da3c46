/**
 * The behaviour of a `<details>` used as a menu (the library's row actions, the reader's file
 * menu), as readers expect of a menu: choosing closes it; Escape closes it and gives the focus
 * back to its button; the arrows, Home and End move between its items.
 */

/** Closes the menu once one of its buttons is chosen. */
export function closeAfterChoice(e: MouseEvent): void {
  if (e.target instanceof Element && e.target.closest('button') && e.currentTarget instanceof HTMLDetailsElement)
    e.currentTarget.open = false;
}

/** Keyboard of an open menu: Escape, ArrowDown / ArrowUp (wrapping), Home, End. */
export function menuKeys(e: KeyboardEvent): void {
  const menu = e.currentTarget;
  if (!(menu instanceof HTMLDetailsElement) || !menu.open) return;
  const items = [...menu.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
  const at = items.indexOf(menu.ownerDocument.activeElement as HTMLButtonElement);
  const focus = (index: number): void => {
    items[(index + items.length) % items.length]?.focus();
    e.preventDefault();
  };
  if (e.key === 'Escape') {
    menu.open = false;
    menu.querySelector('summary')?.focus();
    e.preventDefault();
  } else if (e.key === 'ArrowDown') focus(at + 1);
  else if (e.key === 'ArrowUp') focus(at < 0 ? -1 : at - 1);
  else if (e.key === 'Home') focus(0);
  else if (e.key === 'End') focus(-1);
}
