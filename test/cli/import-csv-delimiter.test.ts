import { strict as assert } from 'node:assert';
import { parseSession } from '../../src/core/parse/session';
import { makeWorkspace, runCli } from '../support/workspace';

type Workspace = ReturnType<typeof makeWorkspace>;

// Excel writes CSV with `;` between fields where the decimal mark is a comma (German, French,
// Dutch, … locales), and a tab-separated table is a common export too. Such a file used to stop
// with csv-parse's "Invalid Opening Quote" and no hint.
const SEMICOLONS = 'speaker;text;timestamp\nT;"Hello; how was the week?";00:00:01\nC;"Fine, thanks.";00:00:04\n';

describe('session-md import --from csv with another delimiter', () => {
  let ws: Workspace;
  afterEach(() => ws?.dispose());

  it('reads a semicolon-separated CSV and says it did so', async () => {
    ws = makeWorkspace({ 'excel.csv': SEMICOLONS });
    const result = await runCli(['import', 'excel.csv', '--from', 'csv', '--time-column', 'timestamp'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      parseSession(result.stdout).turns.map((t) => [t.timestamp?.raw, t.label, t.text]),
      [
        ['00:00:01', 'T', 'Hello; how was the week?'],
        ['00:00:04', 'C', 'Fine, thanks.'],
      ],
    );
    assert.match(result.stderr, /excel\.csv:1: warning: read as separated by ';'/);
  });

  it('reads a tab-separated table', async () => {
    ws = makeWorkspace({ 'table.tsv': 'speaker\ttext\nT\tHello, there.\nC\tHi; yes.\n' });
    const result = await runCli(['import', 'table.tsv', '--from', 'csv'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      parseSession(result.stdout).turns.map((t) => t.text),
      ['Hello, there.', 'Hi; yes.'],
    );
  });

  it('keeps reading a comma-separated file with semicolons inside quoted fields and code cells as before', async () => {
    ws = makeWorkspace({ 'turns.csv': 'speaker,text,codes\nT,"Well; then",open-question;reflection\n' });
    const result = await runCli(['import', 'turns.csv', '--from', 'csv', '--code-columns', 'codes'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parseSession(result.stdout).turns[0]!.text, 'Well; then');
    assert.deepEqual(
      parseSession(result.stdout).turns[0]!.codes.map((c) => c.id),
      ['open-question', 'reflection'],
    );
    assert.doesNotMatch(result.stderr, /separated by/);
  });
});
