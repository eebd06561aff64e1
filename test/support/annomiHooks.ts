import { annomiSummary } from './annomi';

// A mocha root hook (.mocharc.json requires this file): after the run, one line on the tests that
// need the AnnoMI corpus, how many ran or which were skipped and how to get the data.
export const mochaHooks = {
  afterAll(): void {
    const line = annomiSummary();
    if (line) console.log(`\n  ${line}`);
  },
};
