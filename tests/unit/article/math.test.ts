import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { linearizeMath } from '../../../utils/article/math.ts';

function read(html: string): Element {
  const body = new JSDOM(`<!doctype html><body><div>${html}</div>`).window.document.body.firstElementChild!;
  linearizeMath(body);
  return body;
}

describe('linearizeMath', () => {
  it('writes a formula as text with superscripts and subscripts, isolated left to right', () => {
    const out = read(
      '<p>المجموع <math><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msubsup><mi>a</mi><mi>k</mi><mn>2</mn></msubsup></math> موجب.</p>',
    );
    expect(out.innerHTML).toBe('<p>المجموع <bdi>∑<sub>k = 1</sub><sup>n</sup>a<sub>k</sub><sup>2</sup></bdi> موجب.</p>');
    expect(out.querySelector('math')).toBeNull();
  });

  it('reads roots, fractions, accents, matrices and drops TeX annotations', () => {
    const out = read(
      '<math display="block"><semantics><mrow><mroot><mi>x</mi><mn>3</mn></mroot><mo>+</mo><mfrac><mn>1</mn><mi>n</mi></mfrac><mo>+</mo><mover><mi>y</mi><mo>˙</mo></mover></mrow><annotation encoding="application/x-tex">\\sqrt[3]{x}</annotation></semantics></math>' +
        '<math><mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable></math>',
    );
    expect(out.innerHTML).toBe('<p><bdi><sup>3</sup>√x + 1/n + y˙</bdi></p><bdi>1  0<br>0  1</bdi>');
  });
});
