// Browser tests in real Chromium. Run through `node --import tsx` (see package.json) so this
// file can start the receiver, which is TypeScript: tests post to the very code clinics run.
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startBrowserTestReceiver } from './test/browser-receiver.ts';
import { refuseStaleDist, testEndpoints } from './test/endpoints.ts';
import { countReporter } from './test/count-reporter.js';
import { CHROMIUM_ARGS, chromePath } from './test/chromium-flags.js';

// A fixed port, so the receiver's test site can name the page's origin.
const port = Number(process.env.WTR_PORT) || 8000;
const receiver = await startBrowserTestReceiver([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);


/**
 * executeServerCommand('emulate-touch', { enabled }): a touch screen without reloading the page
 * (setViewport's hasTouch reloads it), so "(pointer: coarse)" matches as on a phone.
 */
function touchPlugin() {
  const sessions = new Map();
  return {
    name: 'emulate-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-touch') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: !!payload.enabled, maxTouchPoints: payload.enabled ? 5 : 1 });
      await cdp.send('Emulation.setEmitTouchEventsForMouse', { enabled: !!payload.enabled, configuration: 'mobile' });
      return true;
    },
  };
}

export default {
  rootDir: '.',
  port,
  // test/server/ runs in Node (npm run test:server).
  files: ['test/**/*.test.ts', '!test/server/**'],
  // Lit's production build: its dev-mode warning would print in every test file.
  nodeResolve: { exportConditions: ['production'] },
  // One page at a time: keyboard and focus tests need the one focused tab.
  concurrency: 1,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }), touchPlugin()],
  middleware: [
    async (ctx, next) => {
      const handled =
        (ctx.path.startsWith('/dist/') && refuseStaleDist(ctx.path, ctx.res)) || (await receiver.handle(ctx.req, ctx.res)) || (await testEndpoints(ctx.req, ctx.res));
      if (handled) {
        ctx.respond = false;
        return;
      }
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        // Real scrollbars, as patients' desktop browsers have: the scroll lock must not shift the page.
        ignoreDefaultArgs: ['--hide-scrollbars'],
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
