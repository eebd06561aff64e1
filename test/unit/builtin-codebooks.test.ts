import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BUILTIN_CODEBOOKS, Linter, lookupCode, type Codebook, type Finding } from '../../src/core';
import { BUILTIN_PHASE_MODELS } from '../../src/core/parse/phaseModels';
import { parseCodebook, type Code } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { createNodeHost } from '../../src/cli/nodeHost';
import { loadAnnomi, requireAnnomi, sanitiseUtterance } from '../support/annomi';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// Every file in codebooks/ is a built-in codebook: it must load without problems, cite its
// source, define the codes the tools rely on, and give trainees a working snippet for every
// therapist code.

/** The codes each built-in codebook must define, exactly. */
const EXPECTED_CODES: Record<string, string[]> = {
  core: [
    'open-question',
    'closed-question',
    'reflection',
    'reflection.simple',
    'reflection.complex',
    'reframe',
    'psychoeducation',
    'homework',
    'summary',
    'affirmation',
    'confidentiality',
    'assessment',
    'assessment.risk',
    'agenda',
    'validation',
    'linking',
    'coping-skills',
    'relapse-prevention',
    'follow-up-plan',
    'ending',
    'other',
    'change-talk',
    'sustain-talk',
    'neutral',
  ],
  'miti-4.2.1': [
    'giving-information',
    'persuade',
    'persuade.with-permission',
    'question',
    'reflection.simple',
    'reflection.complex',
    'affirm',
    'seek-collaboration',
    'emphasize-autonomy',
    'confront',
  ],
  'misc-2.5': [
    'adp',
    'adw',
    'af',
    'co',
    'cq',
    'cr',
    'di',
    'ec',
    'fa',
    'fi',
    'gi',
    'oq',
    'rcp',
    'rcw',
    'rf',
    'sr',
    'st',
    'su',
    'wa',
    'client.change',
    'client.sustain',
    'client.follow-neutral',
  ],
  annomi: [
    'question.open',
    'question.closed',
    'reflection.simple',
    'reflection.complex',
    'input.information',
    'input.advice',
    'input.negotiation',
    'input.options',
    'other',
    'change',
    'neutral',
    'sustain',
  ],
};

/** The groups each codebook must declare, with their codes in order. */
const EXPECTED_GROUPS: Record<string, Record<string, string[]>> = {
  core: {
    'therapist-technique': [
      'open-question',
      'closed-question',
      'reflection',
      'reframe',
      'psychoeducation',
      'homework',
      'summary',
      'affirmation',
      'confidentiality',
      'assessment',
      'agenda',
      'validation',
      'linking',
      'coping-skills',
      'relapse-prevention',
      'follow-up-plan',
      'ending',
      'other',
    ],
    'client-talk': ['change-talk', 'sustain-talk', 'neutral'],
  },
  'miti-4.2.1': {
    behaviour: EXPECTED_CODES['miti-4.2.1']!,
  },
  'misc-2.5': {
    'counsellor-behaviour': ['adp', 'adw', 'af', 'co', 'cq', 'cr', 'di', 'ec', 'fa', 'fi', 'gi', 'oq', 'rcp', 'rcw', 'rf', 'sr', 'st', 'su', 'wa'],
    'client-talk': ['client.change', 'client.sustain', 'client.follow-neutral'],
  },
  annomi: {
    'therapist-behaviour': ['question', 'reflection', 'input', 'other'],
    'client-talk': ['change', 'neutral', 'sustain'],
  },
};

/** The phase names a snippet may be limited to: those of the built-in phase models. */
const KNOWN_PHASES = new Set(Object.values(BUILTIN_PHASE_MODELS).flatMap((m) => m.phases.map((p) => p.name)));

/**
 * A snippet body as VS Code would insert it with every placeholder left at its default:
 * `${1:text}` → text (nested placeholders too), `${1|a,b|}` → a, `$1`, `${1}` and variables → empty,
 * and `\$`, `\}`, `\\` → the character.
 */
function expandSnippet(body: string): string {
  let i = 0;
  const read = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < body.length) {
      const ch = body[i]!;
      if (ch === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (inPlaceholder && ch === '}') {
        i++;
        return out;
      }
      if (ch === '$') {
        const rest = body.slice(i);
        const bare = /^\$(\d+|[A-Za-z_]\w*)/.exec(rest);
        if (bare) {
          i += bare[0].length;
          continue;
        }
        const open = /^\$\{(\d+|[A-Za-z_]\w*)([:|}])/.exec(rest);
        if (open) {
          i += open[0].length;
          if (open[2] === ':') out += read(true);
          else if (open[2] === '|') {
            const end = body.indexOf('|}', i);
            if (end < 0) throw new Error(`Unclosed choice in snippet: ${body}`);
            out += body.slice(i, end).split(',')[0];
            i = end + 2;
          }
          continue;
        }
      }
      out += ch;
      i++;
    }
    if (inPlaceholder) throw new Error(`Unclosed placeholder in snippet: ${body}`);
    return out;
  };
  return read(false);
}

function codebookFiles(): string[] {
  return readdirSync(BUILTIN_CODEBOOKS_DIR)
    .filter((f) => f.endsWith('.codebook.yaml'))
    .sort();
}

function load(name: string): Codebook {
  const path = join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`);
  const result = parseCodebook(readFileSync(path, 'utf8'), path);
  assert.deepEqual(
    result.problems.map((p) => `${p.range.start.line}:${p.range.start.column} ${p.message}`),
    [],
  );
  return result.codebook!;
}

/** A turn's role as the parser sees it, for a code that has a definite role. */
function turnOfSnippet(body: string) {
  const session = parseSession(`## Beginning\n\n${expandSnippet(body)}\n`);
  assert.equal(session.turns.length, 1, `snippet should be exactly one turn: ${body}`);
  return session.turns[0]!;
}

/** Whether the snippet body carries the code `{id}` or `{id | note}`. */
function carriesCode(body: string, id: string): boolean {
  return body.includes(`{${id}}`) || body.includes(`{${id} |`);
}

async function lint(files: Record<string, string>, name: string): Promise<Finding[]> {
  const ws = makeWorkspace(files);
  try {
    const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
    const { findings } = await linter.lintText(ws.path(name), files[name]!);
    return findings;
  } finally {
    ws.dispose();
  }
}

const session = (codebook: string, turns: string[]): string =>
  ['---', `codebook: ${codebook}`, '---', '', '## Beginning', '', ...turns.flatMap((t) => [t, '']), ''].join('\n');
const ofRules = (findings: Finding[], ...rules: string[]): string[] => findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`);

describe('the snippet placeholder expander used by these tests', () => {
  it('keeps defaults, nested defaults and the first choice, and drops empty tab stops', () => {
    assert.equal(expandSnippet('T: ${1:What ${2:else}} now? $0 {x}'), 'T: What else now?  {x}');
    assert.equal(expandSnippet('T: ${1|yes,no|} ${2} \\$5 {reframe | "${2:a}" -> "${3:b}"}'), 'T: yes  $5 {reframe | "a" -> "b"}');
  });
});

describe('built-in codebooks', () => {
  it('are exactly the files in codebooks/, one per built-in name, each with a matching `id`', () => {
    assert.deepEqual(codebookFiles(), [...BUILTIN_CODEBOOKS].map((n) => `${n}.codebook.yaml`).sort());
    for (const name of BUILTIN_CODEBOOKS) {
      const text = readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8');
      assert.match(text, /^# yaml-language-server: \$schema=\.\.\/schemas\/codebook\.schema\.json$/m, name);
      assert.equal((parseYaml(text) as { id?: string }).id, name);
    }
  });

  for (const file of codebookFiles()) {
    const name = file.replace(/\.codebook\.yaml$/, '');

    describe(name, () => {
      let codebook: Codebook;
      const codes = (): Code[] => [...codebook.codes.values()];

      before(() => {
        codebook = load(name);
      });

      it('loads without problems and cites its source', () => {
        assert.ok(codebook.source && codebook.source.trim().length > 20, `${name} needs a source citation`);
        assert.ok(codebook.version, `${name} needs a version`);
      });

      it('defines the expected codes, each with a label, a description and a definite role', () => {
        assert.ok(EXPECTED_CODES[name], `no expected codes listed for ${name}`);
        assert.deepEqual([...codebook.codes.keys()].sort(), [...EXPECTED_CODES[name]!].sort());
        for (const code of codes()) {
          assert.ok(code.label.trim(), code.id);
          assert.ok(code.description?.trim(), `${code.id} needs a description`);
          assert.notEqual(code.role, 'any', `${code.id} should be for the therapist or the client`);
        }
      });

      it('declares the expected groups, each of codes that exist and share one role', () => {
        assert.deepEqual(Object.fromEntries(codebook.groups.map((g) => [g.id, g.codes])), EXPECTED_GROUPS[name]);
        for (const group of codebook.groups) {
          const roles = group.codes.map((id) => {
            const code = lookupCode(codebook, id);
            assert.ok(code, `group ${group.id} lists '${id}', which ${name} does not define`);
            return code.role;
          });
          assert.equal(new Set(roles).size, 1, `group ${group.id} mixes roles: ${roles.join(', ')}`);
        }
      });

      it('gives every therapist code a snippet, offered under each built-in phase model', () => {
        for (const code of codes().filter((c) => c.role === 'therapist')) {
          assert.ok(code.snippets.length > 0, `${code.id} has no snippet`);
          for (const model of Object.values(BUILTIN_PHASE_MODELS)) {
            const names = model.phases.map((p) => p.name);
            const offered = code.snippets.some((s) => !s.phases || s.phases.some((p) => names.includes(p)));
            assert.ok(offered, `${code.id} has no snippet offered in any phase of the '${model.id}' model`);
          }
        }
      });

      it('has snippets that insert one turn of the right role carrying the code', () => {
        for (const code of codes()) {
          for (const snippet of code.snippets) {
            const where = `${code.id} / ${snippet.label}`;
            assert.ok(carriesCode(snippet.body, code.id), `${where}: the body should carry {${code.id}}`);
            assert.doesNotMatch(expandSnippet(snippet.body), /\$\{|\$\d/, where);
            const turn = turnOfSnippet(snippet.body);
            assert.equal(turn.role, code.role, where);
            assert.ok(
              turn.codes.some((c) => c.id === code.id),
              `${where}: parsed codes ${turn.codes.map((c) => c.id).join(', ')}`,
            );
            assert.ok(turn.text.trim().length > 0, `${where}: the turn has no words`);
            for (const phase of snippet.phases ?? []) assert.ok(KNOWN_PHASES.has(phase), `${where}: unknown phase '${phase}'`);
            for (const role of snippet.roles ?? []) assert.equal(role, code.role, `${where}: snippet role`);
          }
        }
      });

      it('lints a session made of all its snippets with no unknown or misplaced code', async () => {
        const turns = codes().flatMap((c) => c.snippets.map((s) => expandSnippet(s.body)));
        const findings = await lint({ 'a.session.md': session(name, turns) }, 'a.session.md');
        assert.deepEqual(ofRules(findings, 'code-unknown', 'code-role-mismatch', 'codebook-invalid', 'turn-empty'), []);
      });
    });
  }
});

describe('linting with a built-in research codebook', () => {
  it('accepts MITI 4.2.1 codes, including the parents `reflection` and `persuade`', async () => {
    const text = session('miti-4.2.1', [
      'T: What brings you in today? {question}',
      'C: My doctor says I drink too much.',
      'T: Your doctor is worried, and you are not so sure. {reflection.complex}',
      'T: You came anyway. {affirm}',
      'T: It is your call. {emphasize-autonomy}',
      'T: Would it be all right to share some numbers? {seek-collaboration}',
      'T: Most people your age drink less than that. {giving-information}',
      'T: Since you asked: cutting down slowly tends to work. {persuade.with-permission}',
      'T: You should stop. {persuade}',
      'T: That is an excuse. {confront}',
      'T: You drink most nights. {reflection.simple}',
      'T: So that is hard. {reflection}',
    ]);
    const findings = await lint({ 'a.session.md': text }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-unknown', 'code-role-mismatch', 'codebook-invalid'), []);
  });

  it('flags codes that MITI 4.2.1 does not define, suggesting the MITI code where there is one', async () => {
    const text = session('miti-4.2.1', ['T: It went badly this time. {reframe}', 'T: Did you sleep? {question.closed}', 'C: I want to stop. {change-talk}']);
    const findings = await lint({ 'a.session.md': text }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-unknown'), [
      "code-unknown: Unknown code 'r******' in codebook 'MITI 4.2.1 behaviour codes'",
      "code-unknown: Unknown code 'q*******.c*****' in codebook 'MITI 4.2.1 behaviour codes'; did you mean 'question'?",
      "code-unknown: Unknown code 'c*****-t***' in codebook 'MITI 4.2.1 behaviour codes'",
    ]);
  });

  it('accepts MISC 2.5 counsellor and client codes, with notes for the kind of client talk', async () => {
    const text = session('misc-2.5', [
      'T: Good morning. {fi}',
      'T: Today I would like to hear about your week. {st}',
      'T: What worries you most? {oq}',
      'C: I want to be there for my kids. {client.change | R}',
      'T: Your kids matter a lot to you. {cr}',
      'C: But smoking is the only thing that calms me down. {client.sustain | N}',
      'T: How many a day? {cq}',
      'C: About twenty. {client.follow-neutral}',
      'T: Mm-hmm. {fa}',
      'C: Hmm. {client}',
    ]);
    const findings = await lint({ 'a.session.md': text }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-unknown', 'code-role-mismatch', 'codebook-invalid'), []);
  });

  it('accepts the AnnoMI labels and their main-behaviour parents, and flags core-only codes', async () => {
    const text = session('annomi', [
      'T: Hi, thanks for coming in. {other}',
      'T: What brings you here? {question}',
      'C: My wife wants me to cut down. {neutral}',
      'T: She is worried. {reflection}',
      'T: The guidelines suggest fourteen units a week. {input}',
      'T: Have you tried before? {question.closed}',
      'C: I do want to feel better. {change}',
      'T: You could try a patch or gum. {input.options}',
      'C: I like drinking, though. {sustain}',
      'T: So you will try two dry days. {summary}',
    ]);
    const findings = await lint({ 'a.session.md': text }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-unknown', 'code-role-mismatch'), ["code-unknown: Unknown code 's******' in codebook 'AnnoMI labels'"]);
  });

  it('reports a therapist code on a client turn as a role mismatch', async () => {
    const text = session('misc-2.5', ['C: I should quit. {oq}']);
    const findings = await lint({ 'a.session.md': text }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-role-mismatch').length, 1);
  });
});

describe('the AnnoMI codebook and the real AnnoMI labels', function () {
  before(function () {
    requireAnnomi(this);
  });

  /** The annomi code each label of the simple CSV is imported as. */
  const ANNOMI_CODE_FOR: Record<string, string> = {
    question: 'question',
    reflection: 'reflection',
    therapist_input: 'input',
    other: 'other',
    change: 'change',
    neutral: 'neutral',
    sustain: 'sustain',
  };

  it('has a code of the right role for every label in the CSV', () => {
    const codebook = load('annomi');
    const seen = new Set<string>();
    for (const rows of loadAnnomi().values()) {
      for (const row of rows) {
        const label = row.interlocutor === 'therapist' ? row.therapistBehaviour : row.clientTalkType;
        assert.ok(label, `transcript ${row.transcriptId} utterance ${row.utteranceId} has no label`);
        seen.add(label);
        const code = lookupCode(codebook, ANNOMI_CODE_FOR[label]!);
        assert.equal(code?.role, row.interlocutor, label);
      }
    }
    assert.deepEqual([...seen].sort(), Object.keys(ANNOMI_CODE_FOR).sort());
  });

  it('lints a real transcript coded with the AnnoMI labels without unknown or misplaced codes', async () => {
    const rows = loadAnnomi().get(0)!;
    const turns = rows.map((row) => {
      const label = row.interlocutor === 'therapist' ? row.therapistBehaviour! : row.clientTalkType!;
      return `${row.interlocutor === 'therapist' ? 'T' : 'C'}: ${sanitiseUtterance(row.text)} {${ANNOMI_CODE_FOR[label]}}`;
    });
    const findings = await lint({ 'a.session.md': session('annomi', turns) }, 'a.session.md');
    assert.deepEqual(ofRules(findings, 'code-unknown', 'code-role-mismatch', 'codebook-invalid'), []);
  });
});
