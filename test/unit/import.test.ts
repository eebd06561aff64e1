import { strict as assert } from 'node:assert';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter } from '../../src/core';
import {
  buildSession,
  ImportError,
  parseCodeMap,
  parseRoleMap,
  readClock,
  readCsv,
  readPlainText,
  readSrt,
  readVtt,
  safeLabel,
  safeTurnText,
  speakerLabels,
  splitFileNames,
  type ImportedTranscript,
  type Utterance,
} from '../../src/core/research/import';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const brief = (t: ImportedTranscript) => t.utterances.map((u) => [u.speaker, u.text, u.seconds]);

function throwsAt(fn: () => unknown, line: number | undefined, message: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof ImportError && error.line === line && message.test(error.message));
}

/** Lints a built session as if written to a fresh folder; returns the rule ids found, without phase-missing. */
async function lintIds(text: string, codebookDir = BUILTIN_CODEBOOKS_DIR): Promise<string[]> {
  const linted = await new Linter(createNodeHost(codebookDir)).lintText(join(tmpdir(), 'no-config-here', 'x.session.md'), text);
  return linted.findings.map((f) => f.ruleId).filter((id) => id !== 'phase-missing');
}

describe('import: WebVTT', () => {
  it('reads Teams-style voice tags, with classes, multi-line cues and NOTE/STYLE blocks', () => {
    const vtt = [
      'WEBVTT',
      'Kind: captions',
      '',
      'NOTE recorded with consent',
      'spans two lines --> not a cue',
      '',
      'STYLE',
      '::cue { color: lime }',
      '',
      '3f2a-1',
      '00:00:01.000 --> 00:00:04.000 align:start',
      '<v Dr Rivera>How was the week?</v>',
      '',
      '00:00:04.500 --> 00:00:09.250',
      '<v.loud Sam>Hard. I <i>really</i> could not',
      'sleep &amp; I &lt;3 coffee.</v>',
      '',
      '00:01:02.000 --> 00:01:03.000',
      '<v Sam>Every night.</v>',
      '',
    ].join('\r\n');
    assert.deepEqual(brief(readVtt(vtt)), [
      ['Dr Rivera', 'How was the week?', 1],
      ['Sam', 'Hard. I really could not sleep & I <3 coffee. Every night.', 4.5],
    ]);
    assert.deepEqual(
      brief(readVtt(vtt, { keepCues: true })).map((u) => u[2]),
      [1, 4.5, 62],
    );
  });

  it('reads Zoom-style "Name: text" cues, and several voices in one cue', () => {
    const vtt =
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nDr Rivera: Hello Sam.\n\n2\n00:00:04.500 --> 00:00:07.000\nSam: Hi. Note: it was hard.\nreally hard\n\n3\n01:00:00.000 --> 01:00:02.000\n<v Dr Rivera>Right.</v> <v Sam>Yes.</v>\n';
    assert.deepEqual(brief(readVtt(vtt)), [
      ['Dr Rivera', 'Hello Sam.', 1],
      ['Sam', 'Hi. Note: it was hard. really hard', 4.5],
      ['Dr Rivera', 'Right.', 3600],
      ['Sam', 'Yes.', 3600],
    ]);
  });

  it('gives cues that name nobody to the speaker before, or to "Speaker" one cue at a time', () => {
    assert.deepEqual(brief(readVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n\n00:03.000 --> 00:04.000\nthere\n')), [
      ['Speaker', 'hello', 1],
      ['Speaker', 'there', 3],
    ]);
  });

  it('rejects a file without the WEBVTT header, or without a cue it can read, at their lines', () => {
    throwsAt(() => readVtt('1\n00:00:01,000 --> 00:00:02,000\nSam: hi\n'), 1, /WEBVTT/);
    throwsAt(() => readVtt('WEBVTT\n\njust text\nmore\n'), 3, /expected a cue timing/);
    throwsAt(() => readVtt('WEBVTT\n\n00:00:75.000 --> 00:00:76.000\nSam: hi\n'), 3, /malformed cue timing/);
    throwsAt(() => readVtt('WEBVTT\n\nNOTE nothing else\n'), undefined, /no cues/);
  });

  it('keeps the words of a bad cue with the cue before it, or leaves it out with skipBadCues, warning at its line', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSam: hi\n\njust text\nmore\n\n00:00:75.000 --> 00:00:76.000\nSam: bye\n';
    const kept = readVtt(vtt);
    assert.deepEqual(brief(kept), [['Sam', 'hi just text more bye', 1]]);
    assert.deepEqual(
      kept.warnings.map((w) => w.line),
      [6, 9],
    );
    const skipped = readVtt(vtt, { skipBadCues: true });
    assert.deepEqual(brief(skipped), [['Sam', 'hi', 1]]);
    assert.deepEqual(
      skipped.warnings.map((w) => [w.line, w.message.replace(/:.*/, '')]),
      [
        [6, 'skipped a cue (--skip-bad-cues)'],
        [9, 'skipped a cue (--skip-bad-cues)'],
      ],
    );
  });

  it('shows the line it could not read only masked (issue 11, item 2)', () => {
    assert.deepEqual(readVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nSam: hi\n\nJane Doe: call me on 4111\n').warnings[0], {
      line: 6,
      message:
        "expected a cue timing such as 00:00:01.000 --> 00:00:04.000, found 'J*** D**: c*** m* o* ###…'; its words are kept in the cue before it (--skip-bad-cues leaves such cues out)",
    });
    throwsAt(() => readSrt('1\nJane Doe: 4111 1111\n'), 2, /found 'J\*\*\* D\*\*: #### ####'$/);
    throwsAt(() => readSrt('1\n00:00:75,000 --> Jane\nhi\n'), 2, /^malformed cue timing '##:##:##,### --> J\*\*\*'$/);
    assert.throws(
      () => parseRoleMap('Jane Doe'),
      (e: Error) => e.message === "--role-map: 'J*** D**' has no '=' (write name=value)",
    );
    assert.throws(
      () => parseRoleMap('T=Jane'),
      (e: Error) => e.message === "--role-map: 'J***' is not a role; use therapist, client or other",
    );
  });
});

describe('import: SRT', () => {
  it('reads numbered cues with speaker prefixes, dialogue lines and formatting tags', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:04,000\n{\\an8}<i>Dr Rivera:</i> How are you?\n\n2\n00:00:05,000 --> 00:00:06,500\n- Sam: Fine.\n- Dr Rivera: Good.\n\n3\n00:00:07,000 --> 00:00:08,000\n<font color="red">Really good.</font>\n';
    assert.deepEqual(brief(readSrt(srt)), [
      ['Dr Rivera', 'How are you?', 1],
      ['Sam', 'Fine.', 5],
      ['Dr Rivera', 'Good. Really good.', 5],
    ]);
  });

  it('removes formatting tags only: other < and > are words', () => {
    const srt = '1\n00:00:01,000 --> 00:00:04,000\n<I>Sam:</I> I said <i love you> <b.x>twice</b>, <lang en>ok</lang> <c.yellow>3 < 4</c> <00:00:02.000>x\n';
    assert.deepEqual(brief(readSrt(srt)), [['Sam', 'I said <i love you> twice, ok 3 < 4 x', 1]]);
  });

  it('warns about a cue number without a timing at the line the timing was expected on', () => {
    const read = readSrt('1\n00:00:01,000 --> 00:00:02,000\nSam: hi\n\n2\nSam: no timing\n');
    assert.deepEqual(brief(read), [['Sam', 'hi no timing', 1]]);
    assert.deepEqual(
      read.warnings.map((w) => [w.line, /expected a cue number and a timing/.test(w.message)]),
      [[6, true]],
    );
    throwsAt(() => readSrt('1\nSam: no timing\n'), 2, /expected a cue number and a timing/);
  });
});

describe('import: plain text', () => {
  it('reads Speaker: lines with optional times; other lines continue the utterance', () => {
    const text =
      'Recorded 2026-03-14\n\n[00:00:05] Dr Rivera: How was the week?\nC: Hard.\nI could not sleep.\n\n(01:02) Sam: {laughs} `really`\nDr Rivera:\n  Go on.\n';
    const read = readPlainText(text);
    assert.deepEqual(brief(read), [
      ['Dr Rivera', 'How was the week?', 5],
      ['C', 'Hard.\nI could not sleep.', undefined],
      ['Sam', '{laughs} `really`', 62],
      ['Dr Rivera', '\n  Go on.', undefined],
    ]);
    assert.deepEqual(read.warnings, [{ line: 1, message: 'text before the first "Speaker: text" line is left out' }]);
  });

  it('needs at least one speaker line', () => {
    throwsAt(() => readPlainText('just prose, no speakers\n'), undefined, /Speaker: text/);
  });
});

describe('import: CSV', () => {
  const mapping = { speakerColumn: 'who', textColumn: 'said', timeColumn: 'at', codeColumns: ['code'], codeMap: parseCodeMap('therapist_input=input,n/a=') };

  it('reads quoted fields with commas, quotes and line breaks, and ignores other columns', () => {
    const csv =
      'id,who,said,at,code,extra\n1,Dr Rivera,"Well, ""hello""\nthere",00:00:05,question,x\n2,Sam,"a, b",00:00:09,n/a,y\n3,Dr Rivera,ok,,therapist_input;other,z\n';
    const [only] = readCsv(csv, mapping);
    assert.deepEqual(
      only!.utterances.map((u: Utterance) => [u.speaker, u.text, u.seconds, u.codes, u.line]),
      [
        ['Dr Rivera', 'Well, "hello"\nthere', 5, ['question'], 2],
        ['Sam', 'a, b', 9, undefined, 4],
        ['Dr Rivera', 'ok', undefined, ['input', 'other'], 5],
      ],
    );
  });

  it('reports a missing column, an empty speaker and broken quoting at their lines', () => {
    // The header is the file's text (a table without one starts with a turn), so it is masked; the column asked for is the user's option.
    throwsAt(() => readCsv('who,text\nSam,hi\n', mapping), 1, /no column 'said' in the header \(columns: w\*\*, t\*\*\*\)/);
    throwsAt(() => readCsv('who,said,at,code\nSam,hi,,\n"",hi,,\n', mapping), 3, /speaker is empty/);
    throwsAt(() => readCsv('who,said,at,code\nSam,"hi,,\n', mapping), 2, /unreadable CSV: a quoted field is never closed/);
    throwsAt(() => readCsv('who,said,at,code\nSam,"Jane"Doe,,\n', mapping), 2, /^unreadable CSV: a quoted field goes on after its closing quote/);
    throwsAt(() => readCsv('', mapping), 1, /header/);
  });

  it('splits by a column, sorted numerically, and reads odd times with a warning', () => {
    const csv = 'tid,who,said,at,code\n10,Sam,a,00:09:025,\n9,Sam,b,12.5,\n10,Sam,c,soon,\n';
    const groups = readCsv(csv, { ...mapping, splitBy: 'tid' });
    assert.deepEqual(
      groups.map((g) => g.key),
      ['9', '10'],
    );
    assert.deepEqual(
      groups[1]!.utterances.map((u) => u.seconds),
      [565, undefined],
    );
    assert.deepEqual(groups[1]!.warnings, [
      { line: 2, message: "timestamp '##:##:###' read as 00:09:25" },
      { line: 4, message: "timestamp 's***' is not a time; the turn is kept without one" },
    ]);
    assert.equal(groups[0]!.utterances[0]!.seconds, 12.5);
  });

  it('reads goal columns as goal references, declared in the front matter, so the session lints clean', async () => {
    const csv = 'who,said,at,code,goals\nDr Rivera,How did you sleep?,00:00:05,open-question,sleep\nSam,Badly.,00:00:09,,sleep; mood\nSam,ok,00:00:12,,\n';
    const [only] = readCsv(csv, { ...mapping, goalColumns: ['goals'] });
    assert.deepEqual(
      only!.utterances.map((u: Utterance) => u.goals),
      [['sleep'], ['sleep', 'mood'], undefined],
    );
    const built = buildSession(only!.utterances, { title: 'Goals', source: 'g.csv', roles: parseRoleMap('Dr Rivera=therapist,Sam=client') });
    const session = parseSession(built.text);
    assert.deepEqual(
      session.frontMatter?.goals?.map((g) => [g.id, g.text, g.status]),
      [
        ['sleep', 'sleep', 'open'],
        ['mood', 'mood', 'open'],
      ],
    );
    assert.deepEqual(
      session.turns.map((t) => t.goals.map((g) => g.id)),
      [['sleep'], ['sleep', 'mood'], []],
    );
    assert.deepEqual(await lintIds(built.text), []);
    const odd = buildSession([{ speaker: 'Sam', text: 'hi', line: 2, goals: ['schläf', '_x', 'a b'] }], { title: 'Odd', source: 'o.csv' });
    assert.deepEqual(
      parseSession(odd.text).frontMatter?.goals?.map((g) => g.id),
      ['schl-f', 'x', 'a-b'],
      'ids the front matter accepts',
    );
    assert.deepEqual(await lintIds(odd.text), []);
  });

  it('names split files from the values: zero-padded numbers, safe names otherwise', () => {
    assert.deepEqual(splitFileNames(['0', '42', '133'], 'annomi'), ['annomi-0000.session.md', 'annomi-0042.session.md', 'annomi-0133.session.md']);
    assert.deepEqual(splitFileNames(['A/B', 'a b', 'A B', ''], 'x'), ['x-A-B.session.md', 'x-a-b-2.session.md', 'x-A-B-3.session.md', 'x-blank.session.md']);
    assert.deepEqual(splitFileNames(['c1/01.session.md'], 'turns'), ['turns-c1-01.session.md']);
  });
});

describe('import: maps and times', () => {
  it('reads role and code maps, and rejects unknown roles', () => {
    assert.deepEqual(
      [...parseRoleMap('Dr Rivera=therapist, Sam=client')],
      [
        ['Dr Rivera', 'therapist'],
        ['Sam', 'client'],
      ],
    );
    assert.deepEqual(
      [...parseCodeMap('therapist_input=input,n/a=')],
      [
        ['therapist_input', 'input'],
        ['n/a', ''],
      ],
    );
    assert.throws(() => parseRoleMap('Sam=patient'), /not a role/);
    assert.throws(() => parseCodeMap('oops'), /has no '='/);
  });

  it('reads clocks strictly where it can', () => {
    assert.deepEqual(readClock('1:02:03'), { seconds: 3723 });
    assert.deepEqual(readClock('01:05,5'), { seconds: 65.5 });
    assert.deepEqual(readClock(''), {});
    assert.equal(readClock('00:61:00').seconds, undefined);
  });
});

describe('import: building a session', () => {
  it('derives labels the parser accepts, distinct per speaker', () => {
    assert.equal(safeLabel('Dr. Rivera (host)'), 'Dr. Rivera host');
    assert.equal(safeLabel('  ## Sam/Alex: '), 'Sam Alex');
    assert.equal(safeLabel('1. Sam'), '1 Sam');
    assert.equal(safeLabel('???'), 'Speaker');
    assert.equal(safeLabel('x'.repeat(60)).length, 40);
    assert.deepEqual(
      [...speakerLabels(['Sam!', 'Sam?', 'Sam'])],
      [
        ['Sam!', 'Sam'],
        ['Sam?', 'Sam 2'],
        ['Sam', 'Sam 3'],
      ],
    );
  });

  it('makes words safe for a one-line turn', () => {
    assert.equal(safeTurnText(' a {laughs}\n`b`\u0000 c '), "a (laughs) 'b' c");
    assert.equal(safeTurnText(' \n '), '[inaudible]');
  });

  it('keeps hazardous words as words of one turn each, and lints clean apart from phase-missing', async () => {
    const hazards = [
      '# not a heading',
      '> not a quote',
      '- not a list',
      '1. not a list',
      '* star',
      'C: not a turn',
      '[00:01] T: not a turn',
      '**Bold:** x',
      '<!-- open',
      '---',
      '```',
      'ends with a backslash\\',
      'Speaker 1: Okay.',
    ];
    const utterances: Utterance[] = hazards.map((text, i) => ({ speaker: i % 2 ? 'Sam' : 'Dr Rivera', text, seconds: i, line: i + 1 }));
    utterances.push({ speaker: 'yes', text: 'a {b}', line: 99, codes: ['neutral', ' weird code} ', 'neutral'] });
    const built = buildSession(utterances, {
      title: 'Hazards',
      source: 'x.txt',
      roles: parseRoleMap('Dr Rivera=therapist,Sam=client,yes=client'),
      date: '2026-03-14',
      session: 2,
      client: 'C-1',
    });
    const session = parseSession(built.text);
    assert.deepEqual(
      session.turns.map((t) => t.text),
      [...hazards.map((h) => h.replace(/`/g, "'")), 'a (b)'],
    );
    assert.deepEqual(
      session.turns.map((t) => t.label),
      [...hazards.map((_, i) => (i % 2 ? 'Sam' : 'Dr Rivera')), 'yes'],
    );
    assert.deepEqual(
      session.turns.at(-1)!.codes.map((c) => c.id),
      ['neutral', 'weird-code'],
    );
    assert.deepEqual(await lintIds(built.text), ['code-unknown']);
    assert.match(
      built.text,
      /^---\nsession: 2\ndate: 2026-03-14\nclient: C-1\nsource: x.txt\nspeakers:\n {2}Dr Rivera: therapist\n {2}Sam: client\n {2}yes: client\n---\n\n# Hazards\n\n\[00:00:00\] Dr Rivera: # not a heading\n/,
    );
  });

  it('keeps backward timestamps and turns timestamp-order off for that session, with a warning', async () => {
    const built = buildSession(
      [
        { speaker: 'Therapist', text: 'a', seconds: 10, line: 2 },
        { speaker: 'Client', text: 'b', seconds: 9.5, line: 3 },
        { speaker: 'other person', text: 'c', line: 4 },
      ],
      { title: 't', source: 's.csv' },
    );
    assert.deepEqual(
      built.warnings.map((w) => w.line),
      [3],
    );
    assert.match(built.text, /# The source has timestamps that go backwards.*\nrules:\n {2}timestamp-order: off\n/);
    assert.deepEqual(
      parseSession(built.text).turns.map((t) => [t.role, t.timestamp?.raw]),
      [
        ['therapist', '00:00:10'],
        ['client', '00:00:09'],
        ['other', undefined],
      ],
    );
    assert.deepEqual(await lintIds(built.text), []);
  });
});
