/**
 * What a staff password must be, in a module with no dependencies: the receiver checks it, and
 * the inbox's password form (bundled for the browser) says it and checks it before sending.
 */
export const MIN_PASSWORD_LENGTH = 10;
