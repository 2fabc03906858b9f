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
});
