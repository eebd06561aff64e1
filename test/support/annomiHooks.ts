import { annomiFullSummary, annomiSummary } from './annomi';

// A mocha root hook (.mocharc.json requires this file): after the run, one line for each AnnoMI
// release (simple, full) that tests need: how many ran, or which were skipped and how to get the data.
export const mochaHooks = {
  afterAll(): void {
    const lines = [annomiSummary(), annomiFullSummary()].filter(Boolean);
    if (lines.length > 0) console.log(lines.map((line) => `\n  ${line}`).join(''));
  },
};
