/** The widget's version, sent with every inquiry; kept equal to package.json's by test/package.test.ts. */
export const WIDGET_VERSION = '0.1.0';
