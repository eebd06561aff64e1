import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  checkCodebookFile,
  checkTranscriptFile,
  codebookMismatchWarnings,
  comparableCopy,
  compareCoders,
  computeStatistics,
  importSpeakers,
  Linter,
  parseImportInput,
  planImport,
  readImportInput,
  roleMapProblem,
  withCodebookReports,
  type ComparableCopy,
  type FileReport,
} from '../../src/core';
import { checkTranscriptDocument } from '../../src/core/usecases/checkTranscript';
import { leftoverOf, temporaryCopyName } from '../../src/core/usecases/leftovers';
import { PSEUDO_RULES } from '../../src/core/lint/pseudoRules';
import { RULES } from '../../src/core/lint/rules';
import { memoryHost, type MemoryHost } from '../support/memoryHost';
import { ROOT } from '../support/paths';
import { transcript } from '../support/workspace';

// The use cases the CLI and the editor share, run on a host whose files exist only in memory:
// each takes the host and options and returns plain data.
const WS = '/w';
const LIMIT = { bytes: 10_000_000, setting: 'sessionMarkdown.maxFileSize' };
const withGit = (files: Record<string, string | Uint8Array>): Record<string, string | Uint8Array> => ({ [`${WS}/.git/HEAD`]: 'ref\n', ...files });
const messages = (report: FileReport): string[] => report.findings.map((f) => `${f.ruleId}: ${f.message}`);

describe('use case: check one transcript file', () => {
  let host: MemoryHost;
  const check = (name: string, options: Partial<Parameters<typeof checkTranscriptFile>[3]> = {}) =>
    checkTranscriptFile(`${WS}/${name}`, host, new Linter(host), { limit: LIMIT, ...options });

  it('lints a transcript and reports its broken library once, on the library, with the files it depends on', async () => {
    host = memoryHost(
      withGit({
        [`${WS}/a.session.md`]: transcript(),
        [`${WS}/.sessionmdrc.yaml`]: 'libraries: [bad.codebook.yaml]\n',
        [`${WS}/bad.codebook.yaml`]: 'name: Bad\ncodes: 3\n',
      }),
    );
    const report = await check('a.session.md');
    assert.equal(report.problem, undefined);
    assert.ok(report.linted);
    assert.deepEqual(
      report.codebooks?.map((c) => [c.path, c.findings.map((f) => f.ruleId)]),
      [[`${WS}/bad.codebook.yaml`, ['codebook-invalid']]],
    );
    assert.deepEqual(report.deps, ['/builtin/core.codebook.yaml', `${WS}/bad.codebook.yaml`]);
    const twice = withCodebookReports([report, { ...report, path: `${WS}/b.session.md` }]);
    assert.deepEqual(
      twice.map((r) => r.path),
      [`${WS}/a.session.md`, `${WS}/b.session.md`, `${WS}/bad.codebook.yaml`],
      'the library once, after the transcripts',
    );
  });

  it('refuses, without reading it, what is no regular file or is above the limit', async () => {
    host = memoryHost(withGit({ [`${WS}/big.session.md`]: transcript() }));
    const big = await check('big.session.md', { limit: { bytes: 100, setting: 'sessionMarkdown.maxFileSize' } });
    assert.deepEqual(
      [big.problem, messages(big)],
      [{ kind: 'refused' }, [`file-invalid: File is ${transcript().length} bytes, larger than the 100 bytes limit (sessionMarkdown.maxFileSize)`]],
    );
    host = { ...host, stat: async () => ({ isFile: false, isDirectory: false, special: 'a FIFO', mode: 0o10644 }) };
    const fifo = await check('big.session.md');
    assert.deepEqual(messages(fifo), ['file-invalid: Not a regular file (a FIFO)']);
    assert.ok(!host.calls.some((c) => c.startsWith('read ')), 'nothing was read');
  });

  it('says why a file cannot be read, or is no UTF-8 transcript, at its position', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x54, 0x00]);
    const invalid = new Uint8Array([...new TextEncoder().encode('---\nsession: 1\n---\n\nT: caf'), 0xe9, 0x0a]);
    host = memoryHost(withGit({ [`${WS}/u.session.md`]: utf16, [`${WS}/i.session.md`]: invalid, [`${WS}/e.session.md`]: '  \n' }));
    const locked = { ...host, readBytes: () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })) };
    const unreadable = await checkTranscriptFile(`${WS}/u.session.md`, locked, new Linter(locked), { limit: LIMIT });
    assert.deepEqual(
      [unreadable.problem, messages(unreadable)],
      [{ kind: 'unreadable', reason: 'permission denied' }, ['file-invalid: Cannot read this file: permission denied']],
    );
    assert.deepEqual(messages(await check('u.session.md')), ['file-invalid: This file is saved as UTF-16; save it as UTF-8']);
    const bad = await check('i.session.md');
    assert.deepEqual([bad.problem, bad.findings[0]?.range.start], [{ kind: 'undecodable' }, { line: 5, column: 7, offset: 26 }]);
    assert.match(bad.findings[0]!.message, /^This file is not valid UTF-8 \(byte 0xE9 at byte 26\)/);
    assert.deepEqual(messages(await check('e.session.md')), ['file-invalid: This transcript is empty']);
  });

  it('reports a temporary copy left by an interrupted write without reading it, unless asked to read it', async () => {
    const name = temporaryCopyName('a.session.md', 4242, 7);
    assert.equal(name, 'a.session.md.sessionmd-tmp-4242-7.session.md');
    assert.equal(leftoverOf(name), 'a.session.md');
    host = memoryHost(withGit({ [`${WS}/${name}`]: transcript() }));
    const left = await check(name);
    assert.deepEqual(left.problem, { kind: 'leftover', original: 'a.session.md' });
    assert.match(left.findings[0]!.message, /^Temporary copy left by an interrupted write of a\.session\.md/);
    assert.ok(!host.calls.includes(`read ${WS}/${name}`));
    assert.equal((await check(name, { readLeftovers: true })).problem, undefined);
  });

  it('reports a broken config as the problem, with nothing else', async () => {
    host = memoryHost(withGit({ [`${WS}/a.session.md`]: transcript(), [`${WS}/.sessionmdrc.yaml`]: 'rules:\n  goal-unsued: off\n' }));
    const report = await check('a.session.md');
    assert.equal(report.problem?.kind, 'config');
    assert.deepEqual(report.findings, []);
  });

  it('checks an editor’s text: no error while it is empty, a fix for a stray byte order mark', async () => {
    host = memoryHost(withGit({}));
    const empty = await checkTranscriptDocument(`${WS}/new.session.md`, '', new Linter(host));
    assert.ok(!empty.findings.some((f) => f.ruleId === 'file-invalid'));
    const stray = await checkTranscriptDocument(`${WS}/x.session.md`, `\uFEFF${transcript()}`, new Linter(host));
    assert.equal(stray.problem?.kind, 'undecodable');
    assert.equal(stray.findings[0]?.fixes?.[0]?.safe, true);
  });
});

describe('use case: check a codebook file', () => {
  it('names a binary codebook as such, and validates a text one', async () => {
    const host = memoryHost({
      '/c/bin.codebook.yaml': new Uint8Array([0x6e, 0x00, 0x61]),
      '/c/ok.codebook.yaml': 'name: Ok\ncodes:\n  - id: x\n    label: X\n',
    });
    assert.deepEqual(messages(await checkCodebookFile('/c/bin.codebook.yaml', host, LIMIT)), [
      'file-invalid: This looks like a binary file, not a codebook (NUL byte at byte 1)',
    ]);
    assert.deepEqual(await checkCodebookFile('/c/ok.codebook.yaml', host, LIMIT), { path: '/c/ok.codebook.yaml', findings: [] });
  });
});

describe('use case: plan an import', () => {
  it('reads, splits, names, titles and lints each session where it will be, before anything is written', async () => {
    const csv = 'tid,who,said,label\n7,Therapist,How are you?,question\n7,Client,Fine.,bogus\n12,Therapist,Welcome back.,\n';
    const host = memoryHost(
      withGit({ [`${WS}/in/Study 1.csv`]: csv, [`${WS}/codebooks/mine.codebook.yaml`]: 'name: Mine\ncodes:\n  - id: question\n    label: Q\n' }),
    );
    const input = await readImportInput(
      `${WS}/in/Study 1.csv`,
      host,
      { format: 'csv', csv: { speakerColumn: 'who', textColumn: 'said', codeColumns: ['label'], splitBy: 'tid' } },
      LIMIT,
    );
    assert.ok(!('failure' in input));
    const plan = await planImport(
      input,
      { inputName: 'Study 1.csv', client: 'C-9', codebook: { ref: 'codebooks/mine.codebook.yaml', path: `${WS}/codebooks/mine.codebook.yaml` } },
      { folder: `${WS}/out` },
      new Linter(host),
    );
    assert.deepEqual(
      plan.map((p) => relative(WS, p.path)),
      ['out/study-1-0007.session.md', 'out/study-1-0012.session.md'],
    );
    assert.match(plan[0]!.text, /^# Study 1, tid 7$/m);
    assert.match(plan[0]!.text, /^codebook: \.\.\/codebooks\/mine\.codebook\.yaml$/m);
    assert.deepEqual(
      plan.map((p) => p.report.findings.map((f) => f.ruleId)),
      [['code-unknown'], []],
      'phase-missing is left out',
    );
    assert.ok(!host.calls.some((c) => c.startsWith('write ')), 'planning writes nothing');
  });

  it('says why an input cannot be imported, with the line to blame', async () => {
    const host = memoryHost({ '/i/a.vtt': 'not vtt\n', '/i/b.srt': new Uint8Array([0x31, 0x00]) });
    assert.deepEqual(await readImportInput('/i/a.vtt', host, { format: 'vtt' }, LIMIT), {
      failure: { kind: 'input', message: 'not a WebVTT file: the first line must be WEBVTT', line: 1 },
    });
    assert.deepEqual(await readImportInput('/i/none.vtt', host, { format: 'vtt' }, LIMIT), { failure: { kind: 'unreadable', reason: 'file not found' } });
    const binary = await readImportInput('/i/b.srt', host, { format: 'srt' }, LIMIT);
    assert.ok('failure' in binary && binary.failure.kind === 'input' && /NUL byte at byte 1/.test(binary.failure.message));
  });

  it('offers the speakers found with the roles their names give, and checks a role map as --role-map does', () => {
    const input = parseImportInput('Dr Rivera: Hello.\nClient: Hi.\nDr Rivera: How are you?\nT: Sorry, wrong line.\n', {
      format: 'text',
      roleMap: 'client=other',
    });
    assert.ok(!('failure' in input));
    assert.deepEqual(importSpeakers(input), [
      { name: 'Dr Rivera', role: 'other' },
      { name: 'Client', role: 'other' },
      { name: 'T', role: 'therapist' },
    ]);
    assert.equal(roleMapProblem('Dr Rivera=therapist, Sam=client'), undefined);
    assert.equal(roleMapProblem('Dr Rivera=doctor'), "--role-map: 'd*****' is not a role; use therapist, client or other");
    assert.deepEqual(parseImportInput('A: x\n', { format: 'text', roleMap: 'A' }), {
      failure: { kind: 'input', message: "--role-map: 'A' has no '=' (write name=value)" },
    });
  });
});

describe('use case: compare coders', () => {
  it('computes the agreement on the first copy’s codebook and names each copy coded against another', async () => {
    const host = memoryHost(
      withGit({
        [`${WS}/a.session.md`]: transcript(),
        [`${WS}/b.session.md`]: transcript({ frontMatter: 'session: 1\ncodebook: miti-4.2.1' }),
        [`${WS}/c.session.md`]: transcript({ frontMatter: 'session: 1\ncodebook: gone.codebook.yaml' }),
      }),
    );
    const linter = new Linter(host);
    const copy = async (name: string) => comparableCopy(name, await checkTranscriptFile(`${WS}/${name}.session.md`, host, linter, { limit: LIMIT }));
    const [a, b, c] = [await copy('a'), await copy('b'), await copy('c')];
    assert.ok('codebook' in c && c.codebook?.readError === 'file not found', 'a copy without codes in force cannot be compared');
    const comparison = compareCoders([a, b] as ComparableCopy[])!;
    assert.equal(comparison.codebook.name, 'Core techniques');
    assert.deepEqual(comparison.mismatches, [{ copy: 1, codebook: 'MITI 4.2.1 behaviour codes' }]);
    assert.deepEqual(codebookMismatchWarnings(comparison, ['a.session.md', 'b.session.md']), [
      "b.session.md uses the codebook 'MITI 4.2.1 behaviour codes', not 'Core techniques' as a.session.md does; the groups of 'Core techniques' are used",
    ]);
    assert.deepEqual(comparison.report.coders, ['a', 'b']);
  });
});

describe('use case: statistics', () => {
  it('counts the transcripts that could be checked, under the names the front end gives', async () => {
    const host = memoryHost(withGit({ [`${WS}/a.session.md`]: transcript(), [`${WS}/b.session.md`]: '' }));
    const linter = new Linter(host);
    const reports = [
      await checkTranscriptFile(`${WS}/a.session.md`, host, linter, { limit: LIMIT }),
      await checkTranscriptFile(`${WS}/b.session.md`, host, linter, { limit: LIMIT }),
    ];
    const stats = computeStatistics(reports, (path) => relative(WS, path));
    assert.deepEqual(
      stats.sessions.map((s) => [s.file, s.turns]),
      [['a.session.md', 4]],
    );
  });
});

describe('pseudo-rules', () => {
  it('sit in one table beside RULES, with ids of their own', () => {
    assert.deepEqual(
      PSEUDO_RULES.map((r) => r.id),
      ['file-invalid', 'codebook-conflict', 'snippet-unannotated'],
    );
    for (const rule of PSEUDO_RULES) assert.ok(!RULES.some((r) => r.id === rule.id), rule.id);
  });

  it('file-invalid is built in one place: the core’s fileInvalid', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const src = join(ROOT, 'src');
    const builders = sources(src)
      .filter((file) => readFileSync(file, 'utf8').includes("'file-invalid'"))
      .map((file) => relative(src, file));
    assert.deepEqual(builders, ['core/lint/pseudoRules.ts']);
  });
});
