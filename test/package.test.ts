import { expect } from '@open-wc/testing';
import { expectFreshDist } from './helpers-dist.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

// The npm entry (dist/lib, built by `npm run build`) as a bundler user imports it.
describe('the ES module entry for bundlers', () => {
  it('registers <consult-widget> without mounting anything, and exports the element, schemas and helpers', async () => {
    const entry = '/dist/lib/index.js';
    const lib = await import(/* @vite-ignore */ entry);
    expect(customElements.get('consult-widget')).to.exist;
    expect(document.querySelector('consult-widget') === null).to.be.true;
    expect(lib.ConsultWidget).to.be.a('function');
    expect(lib.defineElements).to.be.a('function');
    expect(() => lib.defineElements()).to.not.throw();
    expect(lib.InquirySchema.safeParse({}).success).to.be.false;
    expect(lib.checkConfig({ endpoint: '/api/inquiry' }).problems).to.deep.equal([]);
    expect(lib.isKoreanPhone('010-1234-5678')).to.be.true;
  });

  it('ships type declarations next to the modules', async () => {
    const types = await fetch('/dist/lib/index.d.ts');
    expect(types.ok).to.be.true;
    expect(await types.text()).to.contain('ConsultWidget');
  });
});
