import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseSession } from '../../src/core/parse/session';
import { ANNOMI_CSV, requireAnnomi } from '../support/annomi';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md export` writes CSV that is safe to open in a spreadsheet: no cell starts with what
// Excel, LibreOffice or Google Sheets would run as a formula (OWASP's CSV-injection list: = + - @,
// tab, CR, LF; also their full-width forms). `--csv-exact` keeps the exact text for R and pandas.
// `import --from csv` reads either back to the exact text.
//
// No well-kept npm package reads a CSV the way a spreadsheet does and tells which cells are
// formulas (SheetJS treats only a leading = as one), so the check is on the first character of
// every cell, which is what spreadsheets look at.
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const TEXTS = ['=HYPERLINK("x"&A1,"click")', '-ish, I suppose', '+1 for that', '@SUM(A1:A2)', "'tis the season", "''double", 'plain'];
const SESSION = [
  '---',
  'session: 1',
  'client: "-C-017"',
  'speakers: { T: therapist, C: client }',
  '---',
  '',
  '# Session 1',
  '',
  '## @Beginning',
  '',
  ...TEXTS.flatMap((text, i) => [`${i % 2 === 0 ? 'T' : 'C'}: ${text} {${i % 2 === 0 ? 'open-question' : 'neutral'}}`, '']),
].join('\n');

const cells = (csv: string): string[] => (parse(csv) as string[][]).flat();
const column = (csv: string, name: string): string[] => (parse(csv, { columns: true }) as Record<string, string>[]).map((r) => r[name]!);
const IMPORT = ['--from', 'csv', '--code-columns', 'codes', '--role-map', 'T=therapist,C=client'];

describe('session-md export: spreadsheet-safe CSV', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('quotes every cell that starts like a formula by default, keeps the exact text with --csv-exact, and reads both back exactly', async () => {
    ws = makeWorkspace({ '=x.session.md': SESSION });
    const safe = await runCli(['export'], ws.dir);
    assert.equal(safe.code, 0, safe.stderr);
    assert.deepEqual(
      cells(safe.stdout).filter((cell) => FORMULA_START.test(cell)),
      [],
      'no cell a spreadsheet would run',
    );
    assert.deepEqual(
      column(safe.stdout, 'text'),
      TEXTS.map((t) => (/^[=+\-@']/.test(t) ? `'${t}` : t)),
    );
    assert.deepEqual(
      [column(safe.stdout, 'file')[0], column(safe.stdout, 'client')[0], column(safe.stdout, 'phase')[0]],
      ["'=x.session.md", "'-C-017", "'@Beginning"],
    );

    const exact = await runCli(['export', '--csv-exact'], ws.dir);
    assert.equal(exact.code, 0, exact.stderr);
    assert.deepEqual(column(exact.stdout, 'text'), TEXTS);
    assert.equal((await runCli(['export', '--csv-exact', '--format', 'jsonl'], ws.dir)).code, 2, 'JSONL is always exact');

    await runCli(['export', '--out', 'safe.csv'], ws.dir);
    await runCli(['export', '--csv-exact', '--out', 'exact.csv'], ws.dir);
    const original = parseSession(SESSION).turns.map((t) => t.text);
    for (const args of [['safe.csv'], ['exact.csv', '--csv-exact']]) {
      const back = await runCli(['import', ...args, ...IMPORT], ws.dir);
      assert.equal(back.code, 0, back.stderr);
      assert.deepEqual(
        parseSession(back.stdout).turns.map((t) => t.text),
        original,
        args.join(' '),
      );
    }
  });

  it('quotes the 712 AnnoMI turns that start with "-", and --csv-exact keeps them', async function () {
    requireAnnomi(this);
    const source = parse(readFileSync(ANNOMI_CSV), { columns: true }) as Record<string, string>[];
    const dashed = source.filter((r) => r['utterance_text']!.trimStart().startsWith('-')).length;
    assert.ok(dashed >= 700, `AnnoMI has ${dashed} utterances starting with '-'`);
    ws = makeWorkspace({});
    const imported = await runCli(
      [
        'import',
        ANNOMI_CSV,
        '--from',
        'csv',
        '--speaker-column',
        'interlocutor',
        '--text-column',
        'utterance_text',
        '--split-by',
        'transcript_id',
        '--role-map',
        'therapist=therapist,client=client',
        '--out',
        'annomi/',
      ],
      ws.dir,
    );
    assert.equal(imported.code, 0, imported.stderr);
    const safe = await runCli(['export', 'annomi'], ws.dir);
    assert.equal(safe.code, 0, safe.stderr);
    assert.deepEqual(
      cells(safe.stdout).filter((cell) => FORMULA_START.test(cell)),
      [],
    );
    assert.equal(column(safe.stdout, 'text').filter((t) => t.startsWith("'-")).length, dashed);
    const exact = await runCli(['export', 'annomi', '--csv-exact'], ws.dir);
    assert.equal(column(exact.stdout, 'text').filter((t) => t.startsWith('-')).length, dashed);
  });
});
