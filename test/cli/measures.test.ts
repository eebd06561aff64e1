import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 15, acceptance 3: measure scores (`measures:` in the front matter) reach `session-md
// stats` and `export --unit session`; a session without measures is reported as before.

const session = (n: number, measures: string[]): string =>
  [
    '---',
    `session: ${n}`,
    'client: C-9',
    'codebook: core',
    ...(measures.length > 0 ? ['measures:', ...measures.map((m) => `  ${m}`)] : []),
    '---',
    '',
    '## Beginning',
    '',
    'T: How has the week been? {open-question}',
    'C: Better.',
    '',
  ].join('\n');

const CONFIG = ['measures:', '  - id: WSAS', '    label: Work and Social Adjustment Scale', '    min: 0', '    max: 40', '    cutoffs: [10, 20]', ''].join(
  '\n',
);

describe('measures in session-md stats and export', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('stats prints each score with the band its cut-offs give, leaves out a score outside its range, and names the band of a config-declared measure', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': CONFIG,
      '1.session.md': session(1, ['PHQ-9: 14', 'ISI: 22', 'WSAS: 25']),
      '2.session.md': session(2, ['PHQ-9: 30', 'GAD-7: 4']),
    });
    const result = await runCli(['stats', '--by', 'session'], ws.dir);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith('  Measures:'));
    assert.deepEqual(lines, ['  Measures: PHQ-9 14 (moderate) · ISI 22 (severe) · WSAS 25 (20 and above)', '  Measures: GAD-7 4 (minimal)']);
  });

  it('stats JSON has a measures mapping and its bands only for sessions that record measures', async () => {
    ws = makeWorkspace({ '1.session.md': session(1, ['PHQ-9: 9']), '2.session.md': session(2, []) });
    const result = await runCli(['stats', '--format', 'json', '--by', 'session'], ws.dir);
    const report = JSON.parse(result.stdout) as { sessions: Record<string, unknown>[] };
    assert.deepEqual(report.sessions[0]!['measures'], { 'PHQ-9': 9 });
    assert.deepEqual(report.sessions[0]!['measureBands'], { 'PHQ-9': 'mild' });
    assert.ok(!('measures' in report.sessions[1]!) && !('measureBands' in report.sessions[1]!));
  });

  it('stats CSV has a measure:<id> column per measure, empty for sessions, groups and phases without it', async () => {
    ws = makeWorkspace({ '1.session.md': session(1, ['PHQ-9: 14', 'ISI: 18']), '2.session.md': session(2, ['ISI: 9']) });
    const result = await runCli(['stats', '--format', 'csv'], ws.dir);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const sessions = rows.filter((r) => r['level'] === 'session');
    assert.deepEqual(
      sessions.map((r) => [r['measure:PHQ-9'], r['measure:ISI']]),
      [
        ['14', '18'],
        ['', '9'],
      ],
    );
    assert.ok(rows.filter((r) => r['level'] !== 'session').every((r) => r['measure:PHQ-9'] === '' && r['measure:ISI'] === ''));
  });

  it('export --unit session writes measure:<id> columns after the ratings, and a measures object in JSONL', async () => {
    ws = makeWorkspace({ '1.session.md': session(1, ['PHQ-9: 14']), '2.session.md': session(2, []) });
    const csv = await runCli(['export', '--unit', 'session'], ws.dir);
    const header = csv.stdout.split('\n')[0]!.split(',');
    assert.equal(header[header.indexOf('durationSeconds') + 1], 'measure:PHQ-9');
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => r['measure:PHQ-9']),
      ['14', ''],
    );
    const jsonl = await runCli(['export', '--unit', 'session', '--format', 'jsonl'], ws.dir);
    const objects = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(objects[0]!['measures'], { 'PHQ-9': 14 });
    assert.deepEqual(Object.keys(objects[0]!).slice(-4), ['ratings', 'measures', 'scores', 'levels']);
    assert.ok(!('measures' in objects[1]!));
  });

  it('leaves the reports of sessions without measures as they were: no Measures line, no measure columns or keys', async () => {
    ws = makeWorkspace({ '1.session.md': session(1, []) });
    const table = await runCli(['stats'], ws.dir);
    assert.ok(!table.stdout.includes('Measures'));
    const csv = await runCli(['stats', '--format', 'csv'], ws.dir);
    assert.ok(!csv.stdout.split('\n')[0]!.includes('measure'));
    const exported = await runCli(['export', '--unit', 'session'], ws.dir);
    assert.ok(!exported.stdout.split('\n')[0]!.includes('measure'));
  });
});
