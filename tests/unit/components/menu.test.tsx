// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAfterChoice, menuKeys } from '../../../components/menu.ts';

/** A menu as the library's rows and the reader's file menu build it. */
function mountMenu(): HTMLDetailsElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() =>
    render(
      <details onClick={closeAfterChoice} onKeyDown={menuKeys}>
        <summary>⋯</summary>
        <button type="button">HTML</button>
        <button type="button">Markdown</button>
        <button type="button" disabled>
          PDF
        </button>
        <button type="button">Delete</button>
      </details>,
      host,
    ),
  );
  const menu = host.querySelector('details')!;
  menu.open = true;
  return menu;
}

const press = (menu: HTMLElement, key: string): void => {
  (document.activeElement ?? menu).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
};
const focused = (): string => document.activeElement?.textContent ?? '';

afterEach(() => {
  document.body.replaceChildren();
});

describe('a details menu', () => {
  it('moves between its enabled items with the arrows, Home and End, wrapping around', () => {
    const menu = mountMenu();
    menu.querySelector('summary')!.focus();
    press(menu, 'ArrowDown');
    expect(focused()).toBe('HTML');
    press(menu, 'ArrowDown');
    press(menu, 'ArrowDown');
    expect(focused()).toBe('Delete'); // the disabled item is passed over
    press(menu, 'ArrowDown');
    expect(focused()).toBe('HTML');
    press(menu, 'ArrowUp');
    expect(focused()).toBe('Delete');
    press(menu, 'Home');
    expect(focused()).toBe('HTML');
    press(menu, 'End');
    expect(focused()).toBe('Delete');
  });

  it('closes on Escape and gives the focus back to its button', () => {
    const menu = mountMenu();
    menu.querySelectorAll('button')[1]!.focus();
    press(menu, 'Escape');
    expect(menu.open).toBe(false);
    expect(document.activeElement).toBe(menu.querySelector('summary'));
  });

  it('closes once an item is chosen', () => {
    const menu = mountMenu();
    act(() => menu.querySelectorAll('button')[0]!.click());
    expect(menu.open).toBe(false);
  });
});
