import { expect } from '@open-wc/testing';
import { settingsTable } from '../scripts/settings-table.js';
import { compileConfigSchema } from '../src/config/compile.js';

describe('README', () => {
  it('documents every setting exactly as the schema checks it (run `npm run docs` if this fails)', async () => {
    const readme = await (await fetch('/README.md')).text();
    expect(readme).to.contain(settingsTable(compileConfigSchema()));
  });

  it('shows the two set-up commands', async () => {
    const readme = await (await fetch('/README.md')).text();
    expect(readme).to.contain('npm install && npm run demo');
    expect(readme).to.contain('npm test');
  });

  it('shows phone screenshots that exist (docs/*.png, taken by scripts/screenshots.mjs)', async () => {
    const readme = await (await fetch('/README.md')).text();
    const images = [...readme.matchAll(/\]\((docs\/[\w-]+\.png)\)/g)].map((m) => m[1]);
    expect(images.length).to.be.at.least(6);
    for (const image of images) {
      const response = await fetch(`/${image}`);
      expect(response.ok, image).to.be.true;
      expect(response.headers.get('content-type')).to.contain('image/png');
    }
  });
});
