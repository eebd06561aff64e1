/**
 * How long a test lets a spawned command run before killing it as hung: far beyond what slowness
 * alone takes on a loaded two-core machine, so only a real hang fails. Mocha's timeout for the
 * in-process tests (.mocharc.json) is as long, for the same reason.
 */
export const HANG_MS = 300_000;
