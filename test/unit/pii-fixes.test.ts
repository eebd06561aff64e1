import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { RULES, type Finding } from '../../src/core';
import { applyEdits } from '../../src/core/lint/fix';
import { lintSession } from '../../src/core/lint/engine';
import { parseSession } from '../../src/core/parse/session';
import type { ResolvedConfig } from '../../src/core/config/config';

// What the pii rules' fixes do to the text: only the found span changes, and in the front matter
// the YAML still reads as the same data apart from the replaced text.
const PII = RULES.filter((r) => r.id.startsWith('pii-'));
const config = (pseudonyms: Record<string, string> = {}): ResolvedConfig => ({
  rules: {},
  requiredFields: [],
  libraries: [],
  files: [],
  pii: { names: ['Jane Doe'], pseudonyms: new Map(Object.entries(pseudonyms).map(([k, v]) => [k.toLowerCase(), v])) },
});

function lint(text: string, pseudonyms?: Record<string, string>): Finding[] {
  return lintSession(parseSession(text), { config: config(pseudonyms) }, PII);
}

/** The text after applying the fix with this title of every finding. */
function applyFix(text: string, findings: Finding[], title: string): string {
  return applyEdits(
    text,
    findings.flatMap((f) => f.fixes!.find((x) => x.title === title)?.edits ?? []),
  ).text;
}

const frontMatterOf = (text: string): unknown => parse(text.split('---\n')[1]!);

describe('fixes of the pii rules', () => {
  it('keep the front matter valid YAML with the same data, whatever the style of the value', () => {
    const text = [
      '---',
      'client: Jane Doe',
      'contact: jd@example.org # private',
      'note: "mail \\"jd@example.org\\" or Jane Doe"',
      "other: 'ask Jane Doe'",
      'goals:',
      '  - id: call',
      '    text: Call +44 20 7946 0958, not after 9',
      'story: |',
      '  Jane Doe wrote',
      '# Jane Doe asked for this session',
      '---',
      '',
      'T: Hello.',
      '',
    ].join('\n');
    const findings = lint(text, { 'jane doe': 'Client "A"' });
    assert.equal(findings.length, 8);
    const redacted = applyFix(text, findings, 'Replace with [redacted]');
    assert.deepEqual(frontMatterOf(redacted), {
      client: '[redacted]',
      contact: '[redacted]',
      note: 'mail "[redacted]" or [redacted]',
      other: 'ask [redacted]',
      goals: [{ id: 'call', text: 'Call [redacted], not after 9' }],
      story: '[redacted] wrote\n',
    });
    assert.match(redacted, /^# \[redacted\] asked for this session$/m);
    assert.match(redacted, /^contact: "\[redacted\]" # private$/m, 'only quotes are added around the value; the comment stays');
    const pseudonymised = applyFix(text, findings, `Replace with 'Client "A"'`);
    assert.deepEqual(frontMatterOf(pseudonymised), {
      client: 'Client "A"',
      contact: 'jd@example.org',
      note: 'mail "jd@example.org" or Client "A"',
      other: 'ask Client "A"',
      goals: [{ id: 'call', text: 'Call +44 20 7946 0958, not after 9' }],
      story: 'Client "A" wrote\n',
    });
    const colon = applyFix(text, lint(text, { 'jane doe': 'Client: A' }), "Replace with 'Client: A'");
    assert.match(colon, /^client: "Client: A"$/m, 'a plain value that would read as a mapping is quoted');
    assert.equal((frontMatterOf(colon) as { other: string }).other, 'ask Client: A');
  });

  it('keep the data of a value over two lines, a key in flow style, a plain number and a front matter with lone CRs', () => {
    const dataAfter = (text: string, title: string, pseudonyms?: Record<string, string>): unknown => {
      const fixed = applyFix(text, lint(text, pseudonyms), title);
      const fm = parseSession(fixed).frontMatter!;
      assert.deepEqual(
        fm.problems.filter((p) => p.kind === 'syntax'),
        [],
        fixed,
      );
      return fm.data;
    };
    const twoLines = '---\nnote: call 07700 900123 is\n  her number\nspeakers: { T: therapist, Jane Doe: client }\nphone: 07700900123\n---\n\nT: Hello.\n';
    assert.deepEqual(dataAfter(twoLines, 'Replace with [redacted]'), {
      note: 'call [redacted] is her number',
      speakers: { T: 'therapist', '[redacted]': 'client' },
      phone: '[redacted]',
    });
    const pseudonyms = { '07700 900123': '[phone of C-017]', 'jane doe': 'Doe, J' };
    assert.deepEqual(dataAfter(twoLines, "Replace with '[phone of C-017]'", pseudonyms), {
      note: 'call [phone of C-017] is her number',
      speakers: { T: 'therapist', 'Jane Doe': 'client' },
      phone: 7700900123,
    });
    assert.deepEqual(dataAfter(twoLines, "Replace with 'Doe, J'", pseudonyms), {
      note: 'call 07700 900123 is her number',
      speakers: { T: 'therapist', 'Doe, J': 'client' },
      phone: 7700900123,
    });
    const loneCr = '---\rclient: Jane Doe\rsession: 1\r---\r\rT: Hello.\r';
    assert.deepEqual(dataAfter(loneCr, 'Replace with [redacted]'), { client: '[redacted]', session: 1 });
  });

  it('keep [redacted] text where a link or a link definition could start', () => {
    const text = 'T: Her numbers:\n\n07700 900123: mobile, 020 7946 0958(home) and 07700 900124[work]\n';
    const fixed = applyFix(text, lint(text), 'Replace with [redacted]');
    assert.equal(fixed, 'T: Her numbers:\n\n[redacted] : mobile, [redacted] (home) and [redacted] [work]\n');
    const root = parseSession(fixed).mdast;
    assert.deepEqual(
      root.children.map((node) => node.type),
      ['paragraph', 'paragraph'],
      'no definition swallowed the line',
    );
  });

  it('change only the span found in the body, and offer the pseudonym first and safe only when it does not hold the name', () => {
    const text = 'T: Is Jane Doe here?\nC: JANE  DOE is, and jane doe too.\n';
    const findings = lint(text, { 'Jane Doe': 'Client A' });
    assert.deepEqual(
      findings.map((f) => f.fixes!.map((x) => [x.title, x.safe])),
      Array(3).fill([
        ["Replace with 'Client A'", true],
        ['Replace with [redacted]', false],
      ]),
    );
    assert.equal(applyFix(text, findings, "Replace with 'Client A'"), 'T: Is Client A here?\nC: Client A is, and Client A too.\n');
    const circular = lint(text, { 'Jane Doe': 'Jane Doe (client)' });
    assert.equal(circular[0]!.fixes![0]!.safe, false, 'a pseudonym that still holds the name would be found again on every --fix pass');
  });

  it('find one span over a megabyte-long run of digits, and nothing in a megabyte of near misses', () => {
    const digits = '1'.repeat(1_000_000);
    const long = lint(`C: ${digits}\n`);
    assert.deepEqual(
      long.map((f) => [f.ruleId, f.range.start.column, f.range.end.column]),
      [['pii-id-number', 4, 1_000_004]],
    );
    const nearMisses = ['1 ', 'a@', 'http:/', 'www ', '(1', '1.', 'Jane Do ', 'QQ 12 ', '+1 '].map((s) => s.repeat(Math.ceil(125_000 / s.length))).join('');
    assert.deepEqual(
      lint(`C: ${nearMisses}\n`).map((f) => f.ruleId),
      [],
    );
  });
});
