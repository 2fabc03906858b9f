import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { inDialog, mountWidget, openByClick } from '../../helpers.js';
import type { ConsultCloseDetail } from '../../../src/events.js';

const frames = (n: number) => new Promise<void>((resolve) => (n ? requestAnimationFrame(() => void frames(n - 1).then(resolve)) : resolve()));

describe('the open form\'s history entry, across dialogs', () => {
  // A page entry of the test's own: a back that went one step too far stays in this page. At an
  // address of its own: at the same one, it would look like a back-button blocker's entry.
  beforeEach(() => history.pushState(null, '', `#${Math.random().toString(36).slice(2)}`));

  it('a dialog taken out with its form open takes its entry off; the next dialog, opened before that lands, keeps its own', async () => {
    const first = await mountWidget();
    const second = await mountWidget();
    await openByClick(first, 'cost');
    expect(history.state).to.have.property('consultDialog');
    // A site's re-render throws the first widget away with its form open: it steps back as it goes.
    first.remove();
    const seen: string[] = [];
    second.addEventListener('consult-close', (e) => seen.push((e as CustomEvent<ConsultCloseDetail>).detail.reason));
    await openByClick(second, 'consult');
    await waitUntil(() => history.state?.consultDialog !== undefined, 'the second form has its entry', { timeout: 3000 });
    await frames(2);
    expect(inDialog(second, 'dialog[open]'), 'the first one\'s step back did not close the second form').to.not.equal(null);
    expect(seen).to.deep.equal([]);

    const closed = oneEvent(second, 'consult-close') as Promise<CustomEvent<ConsultCloseDetail>>;
    history.back();
    expect((await closed).detail).to.deep.equal({ formId: 'consult', reason: 'back' });
    expect(history.state, 'on the page\'s own entry again').to.equal(null);
  });

  it('two forms open at once (two widgets), both taken out: each takes off only its own entry', async () => {
    const here = location.hash;
    const first = await mountWidget();
    const second = await mountWidget();
    await openByClick(first, 'cost');
    await openByClick(second, 'consult');
    const entries = () => history.state?.consultDialog;
    await waitUntil(() => entries() !== undefined, 'the second form has an entry', { timeout: 3000 });
    first.remove();
    second.remove();
    // Both entries off, and not one step more: on this test's own page entry again, at its address.
    await waitUntil(() => history.state === null, 'back on the page\'s entry', { timeout: 3000 });
    await frames(3);
    expect(location.hash, 'no step back past the page\'s entry').to.equal(here);
    expect(history.state).to.equal(null);
  });
});
