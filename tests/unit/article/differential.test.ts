import { describe, expect, it } from 'vitest';
import { differential, summariseDifferential } from '../../../scripts/lib/differential.ts';
import type { Removal } from '../../../utils/article/types.ts';

const related: Removal = { rule: 'related-heading', kind: 'related', reason: 'related links', text: 'Read more' };
const blocks = [
  'The council approved the new budget on Tuesday evening after a long debate.',
  'Read more: Bus route saved after a petition signed by two thousand residents',
  'Residents will vote on the plan in a referendum next spring, officials said.',
  'Ok',
];

describe('differential against Readability', () => {
  it('finds the blocks Readability keeps and the view lacks, and the removal that took each', () => {
    const view = 'Title\n\nThe council approved the new budget on Tuesday evening after a long debate.';
    const removals = [
      { entry: related, text: 'Read more: Bus route saved after a petition signed by two thousand residents\n\nNew vet opens' },
    ];
    const diff = differential(blocks, view, removals);
    // "Ok" is under four words: not counted.
    expect(diff.blocks).toBe(3);
    expect(diff.dropped.map((d) => [d.text.slice(0, 20), d.removal?.rule])).toEqual([
      ['Read more: Bus route', 'related-heading'],
      ['Residents will vote ', undefined],
    ]);
    const totals = summariseDifferential([{ page: 'p1', diff }]);
    expect(totals).toMatchObject({ dropped: 2, explained: 1, unexplained: 1, byRule: [['related-heading', 1]] });
    expect(totals.unexplainedBlocks).toEqual([{ page: 'p1', text: blocks[2] }]);
  });

  it('does not count text that is only reshaped (a formula written out, Arabic letter forms) as dropped', () => {
    const diff = differential(
      ['وقتی a≠0 باشد جواب‌ها از این فرمول به دست می‌آیند', 'x=−b±b2−4ac2a is the formula'],
      'وقتى a ≠ 0 باشد جواب‌ها از این فرمول به دست می‌آیند\n\nx = −b ± b2 − 4ac 2a is the formula',
      [],
    );
    expect(diff.dropped).toEqual([]);
  });

  it('counts every block dropped, unexplained, when there is no article; with a reference, marks article text', () => {
    const diff = differential(blocks, null, [], 'Residents will vote on the plan in a referendum next spring, officials said.');
    expect(diff.noArticle).toBe(true);
    expect(diff.dropped.map((d) => d.article)).toEqual([false, false, true]);
    const totals = summariseDifferential([{ page: 'p2', diff }]);
    expect(totals).toMatchObject({ noArticle: 1, unexplained: 3, articleDrops: [{ page: 'p2', text: blocks[2] }] });
  });
});
