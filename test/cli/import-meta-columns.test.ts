import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml } from 'yaml';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md import --meta-columns`: transcript-level columns of a CSV (AnnoMI's mi_quality and
// topic) carried into each session's front matter, safely as YAML, and `stats --by` on them.

const MAPPING = ['--from', 'csv', '--speaker-column', 'speaker', '--text-column', 'text', '--role-map', 'T=therapist,C=client', '--codebook', 'core'];

// Values that YAML would read as another type, or as syntax, if written bare.
const AWKWARD = ['3', 'true', 'null', 'a: b', '#hash', '- item', 'it\'s "quoted"', 'two\nlines', '[1, 2]', '~', '', ' padded '];

function table(rows: Record<string, string>[]): string {
  return stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
}

function frontMatter(text: string): Record<string, unknown> {
  return parseYaml(text.split('---\n')[1]!) as Record<string, unknown>;
}

describe('session-md import --meta-columns', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('writes each session the value of its transcript, which reads back as the same string, however YAML would take it bare', async () => {
    const rows = AWKWARD.flatMap((value, i) => [
      { id: String(i + 1), speaker: 'T', text: 'How was the week?', quality: i % 2 === 0 ? 'high' : 'low', topic: value },
      { id: String(i + 1), speaker: 'C', text: 'Hard.', quality: i % 2 === 0 ? 'high' : 'low', topic: value },
    ]);
    ws = makeWorkspace({ 'talks.csv': table(rows) });
    const result = await runCli(['import', 'talks.csv', ...MAPPING, '--split-by', 'id', '--meta-columns', 'quality, topic', '--out', 'out'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /warning/);
    const names = readdirSync(ws.path('out')).sort();
    assert.equal(names.length, AWKWARD.length);
    names.forEach((name, i) => {
      const text = readFileSync(ws.path(`out/${name}`), 'utf8');
      const data = frontMatter(text);
      assert.deepEqual([data['quality'], data['topic']], [i % 2 === 0 ? 'high' : 'low', AWKWARD[i]!.trim()], name);
      assert.deepEqual(Object.keys(data), ['source', 'quality', 'topic', 'speakers', 'codebook'], 'after source:, in the order asked for');
    });
    const first = readFileSync(ws.path(`out/${names[0]}`), 'utf8');
    assert.match(first, /^---\nsource: talks\.csv\nquality: high\ntopic: "3"\n/);
  });

  it('warns, naming the column and the line, when a row of a session has another value, and keeps the first', async () => {
    const csv = [
      'speaker,text,id,quality,topic',
      'T,Hello.,1,high,smoking',
      'C,Hi.,1,high,smoking',
      'T,So.,1,low,drinking',
      'C,Yes.,1,low,drinking',
      'T,Well.,2,low,diet',
      '',
    ].join('\n');
    ws = makeWorkspace({ 'talks.csv': csv });
    const result = await runCli(['import', 'talks.csv', ...MAPPING, '--split-by', 'id', '--meta-columns', 'quality,topic', '--out', 'out'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning'));
    assert.deepEqual(warnings, [
      "session-md: talks.csv:4: warning: column 'quality' differs within this session from its value on line 2; the front matter keeps the value of line 2 (out/talks-0001.session.md)",
      "session-md: talks.csv:4: warning: column 'topic' differs within this session from its value on line 2; the front matter keeps the value of line 2 (out/talks-0001.session.md)",
    ]);
    assert.doesNotMatch(result.stderr, /smoking|drinking/, 'the values are the file text: not repeated');
    const data = frontMatter(readFileSync(ws.path('out/talks-0001.session.md'), 'utf8'));
    assert.deepEqual([data['quality'], data['topic']], ['high', 'smoking']);
  });

  it('carries the columns of a single session too, without --split-by', async () => {
    ws = makeWorkspace({ 'visit.csv': 'speaker,text,site\nT,Hello.,north\nC,Hi.,north\n' });
    const result = await runCli(['import', 'visit.csv', ...MAPPING, '--meta-columns', 'site'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(frontMatter(result.stdout)['site'], 'north');
  });

  describe('refuses, writing nothing (exit 2)', () => {
    const refused = async (columns: string, message: RegExp, extra: string[] = ['--out', 'out']) => {
      ws = makeWorkspace({ 'talks.csv': 'speaker,text,date,video title,quality\nT,Hello.,2020-01-01,x,high\n' });
      const result = await runCli(['import', 'talks.csv', ...MAPPING, '--meta-columns', columns, ...extra], ws.dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.deepEqual(readdirSync(ws.dir).sort(), ['.git', 'talks.csv']);
    };

    it('a column that would overwrite a field of Session Markdown', () =>
      refused('quality,date', /^session-md: talks\.csv: --meta-columns: 'date' is a front-matter field of Session Markdown itself/m));
    it('a column whose name is no front-matter key', () =>
      refused(
        'video title',
        /^session-md: talks\.csv: --meta-columns: 'video title' cannot be a front-matter key: it needs an ASCII letter first, then letters, digits, '_' or '-'/m,
      ));
    it('a column that is not in the table, naming the header line', () => refused('site', /^session-md: talks\.csv:1: no column 'site' in the header/m));
    it('the option on an input that is not a CSV', async () => {
      ws = makeWorkspace({ 'notes.txt': 'T: Hello.\n' });
      const result = await runCli(['import', 'notes.txt', '--from', 'text', '--meta-columns', 'quality'], ws.dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--meta-columns applies to --from csv only/);
    });
  });

  it('gives stats --by a field to total by: each group the sessions of one value', async () => {
    const csv = [
      'speaker,text,id,quality,code',
      'T,You want to stop.,1,high,reflection',
      'T,Why now?,1,high,question',
      'T,What else?,2,low,question',
      'T,And then?,2,low,question',
      'T,It matters to you.,3,high,reflection',
      '',
    ].join('\n');
    ws = makeWorkspace({ 'talks.csv': csv });
    const mapping = [...MAPPING.slice(0, -2), '--codebook', 'annomi', '--code-columns', 'code'];
    const imported = await runCli(['import', 'talks.csv', ...mapping, '--split-by', 'id', '--meta-columns', 'quality', '--out', 'out'], ws.dir);
    assert.equal(imported.code, 0, imported.stderr);
    const stats = await runCli(['stats', 'out', '--by', 'quality', '--format', 'json'], ws.dir);
    assert.equal(stats.code, 0, stats.stderr);
    const groups = (JSON.parse(stats.stdout) as { groups: { group: string; sessions: number; scoreCounts: { reflections: number; questions: number } }[] })
      .groups;
    assert.deepEqual(
      groups.map((g) => [g.group, g.sessions, g.scoreCounts.reflections, g.scoreCounts.questions]),
      [
        ['high', 2, 2, 1],
        ['low', 1, 0, 2],
      ],
    );
  });
});
