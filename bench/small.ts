import { ensureSmallRunCorpus } from './corpus';
import { smallRunsTable, timeSmallRuns } from './smallRuns';

// `npm run bench:small`: only the small runs of `npm run bench` (bench/smallRuns.ts), printed, not written.
for (const line of smallRunsTable(timeSmallRuns(ensureSmallRunCorpus()))) console.log(line);
