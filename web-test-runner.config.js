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
 * A test command `name` that drives the test's page through DevTools: `run(cdp, payload)`, with
 * one DevTools session per page.
 */
function devtoolsCommand(name, run) {
  const sessions = new Map();
  return {
    name,
    async executeCommand({ command, payload, session }) {
      if (command !== name) return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) sessions.set(page, (cdp = await page.createCDPSession()));
      await run(cdp, payload);
      return true;
    },
  };
}

/**
 * executeServerCommand('emulate-touch', { enabled }): a touch screen without reloading the page
 * (setViewport's hasTouch reloads it), so "(pointer: coarse)" matches as on a phone.
 */
const touchPlugin = () =>
  devtoolsCommand('emulate-touch', async (cdp, { enabled }) => {
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: !!enabled, maxTouchPoints: enabled ? 5 : 1 });
    await cdp.send('Emulation.setEmitTouchEventsForMouse', { enabled: !!enabled, configuration: 'mobile' });
  });

/**
 * executeServerCommand('ime', { compose } | { commit } | { enterWhileComposing: true }): a Korean
 * input method as Chromium gets it from the system, through DevTools: text being composed (one
 * syllable changes as jamo are typed), then committed; Enter pressed while a syllable is still
 * being composed arrives as a keydown with isComposing and keyCode 229, as on a phone.
 */
const imePlugin = () =>
  devtoolsCommand('ime', async (cdp, { compose, commit, enterWhileComposing }) => {
    if (compose !== undefined) {
      await cdp.send('Input.imeSetComposition', { text: compose, selectionStart: compose.length, selectionEnd: compose.length });
    } else if (commit !== undefined) {
      await cdp.send('Input.insertText', { text: commit });
    } else if (enterWhileComposing) {
      const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 };
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    }
  });

/**
 * Each test file in a tab of its own, as a patient's page is. The runner reuses its tabs, whose
 * history then fills up from file to file; Chromium keeps 50 entries and, when full, drops the
 * entries of pages nobody touched first, so a test stepping back through history (the back
 * button closing the form) would step off the runner's page instead.
 */
function freshTabPerFile(launcher) {
  const stopSession = launcher.stopSession.bind(launcher);
  launcher.stopSession = async (sessionId) => {
    const result = await stopSession(sessionId);
    await launcher.inactivePages.pop()?.puppeteerPage.close();
    return result;
  };
  return launcher;
}

/**
 * Every test file (the runner asks for those with its session id) imports test/console-guard.ts
 * first, so a test that writes an unexpected console error or warning fails. Prepended on the
 * file's first line: line numbers stay true.
 */
function consoleGuardPlugin() {
  return {
    name: 'console-guard',
    transform(context) {
      if (context.URL.searchParams.has('wtr-session-id') && context.path.endsWith('.ts')) {
        return { body: `import '/test/console-guard.ts';${context.body}` };
      }
      return undefined;
    },
  };
}

/** URLs the receiver and test/endpoints.ts answered: a 404 from them is what a test asked for. */
const answered = new Set();

/**
 * The default reporter, listing 404s only for files that are really missing. Under `npm test`
 * (scripts/test.ts sets TEST_COUNT_FILE) it prints only failures and what they logged: no
 * progress bar, no list of passing tests, no summary but the run's one closing line.
 */
function reporters() {
  const quiet = Boolean(process.env.TEST_COUNT_FILE);
  const base = defaultReporter({ reportTestProgress: !quiet });
  const missingOnly = {
    ...base,
    reportTestFileResults: (args) =>
      base.reportTestFileResults({
        ...args,
        sessionsForTestFile: args.sessionsForTestFile.map((s) => ({ ...s, request404s: s.request404s.filter((url) => !answered.has(url)) })),
      }),
  };
  return quiet ? [missingOnly, countReporter()] : [missingOnly, summaryReporter({ flatten: false }), countReporter()];
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
  reporters: reporters(),
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2021' }), touchPlugin(), imePlugin(), consoleGuardPlugin()],
  middleware: [
    async (ctx, next) => {
      const url = ctx.url.slice(1);
      const handled =
        (ctx.path.startsWith('/dist/') && refuseStaleDist(ctx.path, ctx.res)) || (await receiver.handle(ctx.req, ctx.res)) || (await testEndpoints(ctx.req, ctx.res));
      if (handled) {
        answered.add(url).add(ctx.url.slice(1));
        ctx.respond = false;
        return;
      }
      return next();
    },
  ],
  browsers: [
    freshTabPerFile(chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        // Real scrollbars, as patients' desktop browsers have: the scroll lock must not shift the page.
        ignoreDefaultArgs: ['--hide-scrollbars'],
        // A Korean patient's browser: a page without lang gets Korean texts, as most patients
        // see them. Tests of other browsers' languages set navigator.languages themselves.
        args: [...CHROMIUM_ARGS, '--accept-lang=ko-KR,ko'],
      },
    })),
  ],
};
