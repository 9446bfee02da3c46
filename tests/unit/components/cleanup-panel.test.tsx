// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CleanupPanel, type CleanupPanelActions, type CleanupPanelData } from '../../../components/CleanupPanel.tsx';
import type { Translate } from '../../../utils/reader/locale.ts';

const t: Translate = (key, subs) => (subs === undefined ? key : `${key}(${[subs].flat().join(',')})`);
const actions: CleanupPanelActions = { restoreAll() {}, cleanAgain() {}, setSiteEnabled() {}, setAutoClean() {} };

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
});

/** The panel's summary and the labels of its buttons, as a reader sees them. */
function shown(data: CleanupPanelData): { summary: string; buttons: string[] } {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(<CleanupPanel data={data} actions={actions} t={t} />, container!));
  return {
    summary: container.querySelector('.cleanup-summary')?.textContent ?? '',
    buttons: [...container.querySelectorAll('button')].map((b) => b.textContent ?? ''),
  };
}

describe('CleanupPanel states (issue 14)', () => {
  it('says everything is shown again after "restore all", not that nothing was worth hiding', () => {
    expect(shown({ state: 'restored', removed: [], autoClean: true })).toEqual({
      summary: 'cleanupRestored',
      buttons: ['cleanAgain', 'disableSite'],
    });
  });

  it('offers no "don\'t clean this site" on a page it did not clean (a home page)', () => {
    expect(shown({ state: 'not-article', removed: [], autoClean: true })).toEqual({ summary: 'cleanupNotArticle', buttons: [] });
  });

  it('offers it where it cleaned', () => {
    const removed = [{ rule: 'share-bar', kind: 'share' as const, reason: 'share buttons', text: 'شارك' }];
    expect(shown({ state: 'cleaned', removed, autoClean: true }).buttons).toEqual(['restoreAll', 'disableSite']);
  });
});
