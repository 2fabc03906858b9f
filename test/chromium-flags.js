// Debian's Chromium for every test, bench and screenshot (see .ci/run); CHROME_PATH overrides.
// The flags keep a root, offline machine from stalling on sandboxing, the GPU and Google's
// background services. Plain JavaScript, so plain Node scripts can import it too.
export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
