import { expect, waitUntil } from '@open-wc/testing';
import { configureLocalization, msg } from '@lit/localize';
import { expectFreshDist } from './helpers-dist.js';

// These tests load dist/: it must be built from the current sources.
before(expectFreshDist);

// A host application that localizes itself with @lit/localize, and the npm entry (dist/lib,
// built by `npm run build`) in the same page, sharing one @lit/localize module.
describe('the npm entry next to a host application using @lit/localize', () => {
  it('leaves @lit/localize to the host, keeps its own language, and the host keeps its texts', async () => {
    const entry = '/dist/lib/index.js';
    await import(/* @vite-ignore */ entry);
    const el = document.createElement('consult-widget');
    el.setAttribute('endpoint', '/api/inquiry');
    el.setAttribute('locale', 'en');
    document.body.append(el);
    try {
      await waitUntil(() => el.shadowRoot?.textContent?.includes('Cost inquiry'), 'the widget did not speak English');
      // The host configures @lit/localize after the widget started: it must not throw.
      const { setLocale } = configureLocalization({
        sourceLocale: 'en',
        targetLocales: ['fr'],
        loadLocale: async () => ({ templates: { host_hello: 'Bonjour' } }),
      });
      await setLocale('fr');
      expect(msg('Hello', { id: 'host_hello' })).to.equal('Bonjour');
      // The widget's texts are not the host's, and the host's locale is not the widget's.
      expect(el.shadowRoot!.textContent).to.contain('Cost inquiry');
      expect(await (el as unknown as { open(id: string): Promise<boolean> }).open('cost')).to.be.true;
      const dialog = el.shadowRoot!.querySelector('consult-dialog')!;
      await waitUntil(() => dialog.shadowRoot?.querySelector('dialog[open] [part="title"]'));
      expect(dialog.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Cost inquiry');
    } finally {
      el.remove();
    }
  });
});
