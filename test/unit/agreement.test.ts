import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Codebook, type Turn } from '../../src/core';
import { computeAgreement } from '../../src/core/research/agreement';
import { alignTurns, lcsMatches } from '../../src/core/research/align';
import { cohenKappa, cohenKappaFromTable, fleissKappa, fleissKappaFromCounts, krippendorffAlpha, percentAgreement } from '../../src/core/research/kappa';
import { groupMember } from '../../src/core/research/agreement';
import { masiAlpha } from '../../src/core/research/setAgreement';
import { findDisagreements } from '../../src/core/research/disagreements';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { parseSession } from '../../src/core/parse/session';
import { annomiSession, loadAnnomi, requireAnnomi } from '../support/annomi';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const close = (actual: number | null | undefined, expected: number, message?: string): void => {
  assert.ok(actual !== null && actual !== undefined, message ?? 'expected a value');
  assert.equal(actual.toFixed(3), expected.toFixed(3), message);
};
const builtin = (name: string): Codebook => parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, `${name}.codebook.yaml`), 'utf8'), name).codebook!;
const turns = (...lines: string[]): Turn[] => parseSession(['# Session', '', '## Middle', '', ...lines, ''].join('\n')).turns;
const _ = undefined;

describe('agreement statistics: published worked examples', () => {
  it('Cohen\'s kappa, 2×2: 50 grant proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → κ = 0.40 (Wikipedia, "Cohen\'s kappa", simple example)', () => {
    const result = cohenKappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    close(result.observed, 0.7);
    close(result.expected, 0.5);
    close(result.kappa, 0.4);
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    close(cohenKappa(a, b).kappa, 0.4, 'the same from the raw values');
    close(percentAgreement(a.map((v, i) => [v, b[i]])), 0.7);
  });

  it("Cohen's kappa, 4 categories: two dermatologists rate 88 patients → κ = 0.3449 (SAS/STAT User's Guide, PROC FREQ, Getting Started: Agreement Study)", () => {
    const skin = [
      [10, 4, 1, 0],
      [5, 10, 12, 2],
      [2, 4, 12, 5],
      [0, 2, 6, 13],
    ];
    const result = cohenKappaFromTable(skin);
    assert.equal(result.units, 88);
    close(result.kappa, 0.345);
    assert.equal(result.kappa!.toFixed(4), '0.3449');
  });

  it('Fleiss\' kappa: 10 subjects × 14 raters × 5 categories → P̄ = 0.378, P̄e = 0.213, κ = 0.210 (Wikipedia, "Fleiss\' kappa", worked example)', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappaFromCounts(counts);
    close(result.observed, 0.378);
    close(result.expected, 0.213);
    close(result.kappa, 0.21);
    close(percentAgreement(expand(counts)), 0.378, 'percent agreement is the mean pairwise agreement P̄');
  });

  it("Fleiss' kappa: Fleiss (1971), Table 1, 30 patients × 6 psychiatrists × 5 diagnoses → κ = 0.430", () => {
    // Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382.
    // Counts per patient: depression, personality disorder, schizophrenia, neurosis, other (as in R's irr::diagnoses).
    const table = [
      '0,0,0,6,0',
      '0,3,0,0,3',
      '0,1,4,0,1',
      '0,0,0,0,6',
      '0,3,0,3,0',
      '2,0,4,0,0',
      '0,0,4,0,2',
      '2,0,3,1,0',
      '2,0,0,4,0',
      '0,0,0,0,6',
      '1,0,0,5,0',
      '1,1,0,4,0',
      '0,3,3,0,0',
      '1,0,0,5,0',
      '0,2,0,3,1',
      '0,0,5,0,1',
      '3,0,0,1,2',
      '5,1,0,0,0',
      '0,2,0,4,0',
      '1,0,2,0,3',
      '0,0,0,0,6',
      '0,1,0,5,0',
      '0,2,0,1,3',
      '2,0,0,4,0',
      '1,0,0,4,1',
      '0,5,0,1,0',
      '4,0,0,0,2',
      '0,2,0,4,0',
      '1,0,5,0,0',
      '0,0,0,0,6',
    ].map((row) => row.split(',').map(Number));
    close(fleissKappaFromCounts(table).kappa, 0.43);
    close(fleissKappa(expand(table)).kappa, 0.43, 'the same from one value per rater');
  });

  it("Krippendorff's alpha, nominal with missing values: 4 observers × 12 units → α = 0.743 (Krippendorff 2011, Computing Krippendorff's Alpha-Reliability, section C)", () => {
    const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _];
    const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'];
    const C = [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _];
    const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _];
    const result = krippendorffAlpha(
      A.map((a, u) => [a, B[u], C[u], D[u]]),
      ['1', '2', '3', '4', '5'],
    );
    close(result.alpha, 0.743);
    assert.equal(result.values, 40, 'n: the pairable values (unit 12 has only one)');
    assert.equal(result.units, 11);
    assert.deepEqual(
      result.coincidence.map((row) => Math.round(row.reduce((a, b) => a + b, 0))),
      [9, 13, 10, 5, 3],
      'the marginals n_c',
    );
    close(result.coincidence[0]![0]!, 7);
    close(result.coincidence[0]![1]!, 4 / 3);
  });

  it('returns null where a statistic is undefined, not NaN', () => {
    assert.equal(cohenKappa(['x', 'x'], ['x', 'x']).kappa, null);
    assert.equal(
      fleissKappaFromCounts([
        [3, 0],
        [3, 0],
      ]).kappa,
      null,
    );
    assert.equal(
      krippendorffAlpha([
        ['x', 'x'],
        ['x', _],
      ]).alpha,
      null,
    );
    assert.equal(percentAgreement([['x', _]]), null);
  });
});

describe('groupMember', () => {
  it('takes the exact id, else the longest member that is a dot-prefix of the code', () => {
    const miti = ['giving-information', 'persuade', 'persuade.with-permission', 'question'];
    assert.equal(groupMember('persuade.with-permission', miti), 'persuade.with-permission');
    assert.equal(groupMember('persuade', miti), 'persuade');
    assert.equal(groupMember('question.open', ['question', 'reflection']), 'question', 'a subtype counts as its parent');
    assert.equal(groupMember('a.b.c', ['a', 'a.b']), 'a.b');
    assert.equal(groupMember('questionnaire', ['question']), undefined, 'a prefix must end at a dot');
  });
});

describe('alignTurns', () => {
  const base = ['T: How are you? {question}', 'C: Tired. {neutral}', 'T: Tired of what? {question}', 'C: Of drinking. {change}'];

  it('aligns identical copies turn by turn, ignoring annotations, their order, case and spacing', () => {
    const b = ['T: how ARE   you?   {reflection} {question}', 'C: Tired.', 'T: Tired of what? {question}', 'C: Of drinking. {change}'];
    const result = alignTurns([turns(...base), turns(...b)]);
    assert.equal(result.units.length, 4);
    assert.deepEqual(result.unaligned, []);
    assert.deepEqual(result.edited, []);
  });

  it('reports a turn inserted in one copy and keeps the rest aligned', () => {
    const b = [...base.slice(0, 2), 'C: And sad. {neutral}', ...base.slice(2)];
    const result = alignTurns([turns(...base), turns(...b)]);
    assert.equal(result.units.length, 4);
    assert.deepEqual(result.unaligned, [{ copy: 1, turn: 3, line: 7, preview: 'C: A** s**.', missingFrom: [0] }]);
  });

  it('reports a turn deleted from one copy, in every other copy', () => {
    const b = [base[0]!, ...base.slice(2)];
    const result = alignTurns([turns(...base), turns(...b), turns(...base)]);
    assert.equal(result.units.length, 3);
    assert.deepEqual(
      result.unaligned.map((u) => [u.copy, u.turn, u.missingFrom]),
      [
        [0, 2, [1]],
        [2, 2, [1]],
      ],
    );
  });

  it('aligns a turn whose text a coder edited by its position, and reports it', () => {
    const b = [base[0]!, 'C: Tired, very. {neutral}', ...base.slice(2)];
    const result = alignTurns([turns(...base), turns(...b)]);
    assert.equal(result.units.length, 4);
    assert.deepEqual(result.unaligned, []);
    assert.deepEqual(
      result.edited.map((e) => [e.copy, e.turn, e.reference.turn]),
      [[1, 2, 2]],
    );
  });

  it('does not pair a rewritten turn with one of different words or another speaker', () => {
    const b = [base[0]!, 'T: Tired, very. {neutral}', 'T: Why are you tired? {question}', base[3]!];
    const result = alignTurns([turns(...base), turns(...b)]);
    assert.equal(result.units.length, 2);
    assert.deepEqual(
      result.unaligned.map((u) => [u.copy, u.turn]),
      [
        [0, 2],
        [0, 3],
        [1, 2],
        [1, 3],
      ],
    );
  });

  it('pairs turns by speaker as well as text: a client\'s "Okay." is not the therapist\'s (issue 14)', () => {
    const a = turns('T: How was the week? {question}', 'C: Okay. {neutral}', 'T: Okay. {other}', 'C: I slept badly. {sustain}');
    const b = turns('T: How was the week? {question}', 'T: Okay. {other}', 'C: I slept badly. {sustain}');
    for (const [copies, missing] of [
      [[a, b], 0],
      [[b, a], 1],
    ] as const) {
      const result = alignTurns(copies);
      assert.deepEqual(
        result.units.map((u) => u.turns.map((t) => `${t.label}: ${t.text}`)),
        [
          ['T: How was the week?', 'T: How was the week?'],
          ['T: Okay.', 'T: Okay.'],
          ['C: I slept badly.', 'C: I slept badly.'],
        ],
      );
      assert.deepEqual(
        result.unaligned.map((u) => [u.copy, u.preview]),
        [[missing, 'C: O***.']],
      );
      assert.deepEqual(result.speakerMismatches, []);
    }
  });

  it('aligns a turn of another speaker only where no turn of the same speaker has its text, and reports it', () => {
    const b = [base[0]!, 'T: Tired. {neutral}', ...base.slice(2)];
    const result = alignTurns([turns(...base), turns(...b)]);
    assert.equal(result.units.length, 4);
    assert.deepEqual(result.unaligned, []);
    assert.deepEqual(result.speakerMismatches, [{ copy: 1, turn: 2, line: 6, preview: 'T: T****.', reference: { turn: 2, line: 6, preview: 'C: T****.' } }]);
    assert.deepEqual(result.edited, []);
  });

  it('keeps every pair of the same speaker and text a longest alignment has, and reports each pair of two speakers (property)', () => {
    const turnLine = fc.tuple(fc.constantFrom('T', 'C'), fc.constantFrom('Okay.', 'Yes.', 'Mm-hmm.', 'I slept badly.'));
    fc.assert(
      fc.property(fc.array(turnLine, { maxLength: 14 }), fc.array(turnLine, { maxLength: 14 }), (x, y) => {
        const [a, b] = [x, y].map((lines) => turns(...lines.map(([label, text]) => `${label}: ${text}`)));
        const result = alignTurns([a!, b!]);
        const same = result.units.filter((u) => u.turns[0]!.label === u.turns[1]!.label);
        const ids = (ts: Turn[]) =>
          Int32Array.from(ts, (t) => ['T', 'C'].indexOf(t.label) * 10 + ['Okay.', 'Yes.', 'Mm-hmm.', 'I slept badly.'].indexOf(t.text));
        assert.equal(same.length, lcsLength(ids(a!), ids(b!)), 'as many same-speaker pairs as a longest alignment by speaker and text');
        const across = result.units.filter((u) => u.turns[0]!.label !== u.turns[1]!.label).map((u) => [u.turns[1]!.index, u.turns[0]!.index]);
        assert.deepEqual(
          result.speakerMismatches.map((m) => [m.turn, m.reference.turn]),
          across,
        );
        result.units.forEach((u) => assert.equal(u.turns[0]!.text, u.turns[1]!.text));
      }),
    );
  });

  it('finds a longest common subsequence, checked against the textbook table on random sequences', () => {
    let seed = 7;
    const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 200; round++) {
      const a = Int32Array.from({ length: random(30) }, () => random(4));
      const b = Int32Array.from({ length: random(30) }, () => random(4));
      const match = lcsMatches(a, b);
      const pairs = [...match].map((j, i) => [i, j]).filter(([, j]) => j! >= 0);
      pairs.forEach(([i, j], k) => {
        assert.equal(a[i!], b[j!]);
        if (k > 0) assert.ok(j! > pairs[k - 1]![1]!, 'in order');
      });
      assert.equal(pairs.length, lcsLength(a, b));
    }
  });

  // Its cost is a benchmark's concern (the brief keeps timing out of unit tests); this checks the result at that size.
  it('aligns thousands of turns of three copies, one thinned and edited, one reversed', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `${i % 2 ? 'C' : 'T'}: Utterance number ${i}.`);
    const other = many.filter((_, i) => i % 97 !== 5).map((l, i) => (i % 250 === 3 ? l.replace('Utterance', 'Words') : l));
    const result = alignTurns([turns(...many), turns(...other), turns(...many.slice().reverse())]);
    assert.equal(result.units.length, 1);
  });
});

describe('findDisagreements', () => {
  it('lists the turns whose sets of codes differ, never for order or notes, with the groups that differ', () => {
    const miti = builtin('miti-4.2.1');
    const a = turns(
      'T: You want to cut down. What would help? {reflection.simple} {question}',
      'C: Less beer.',
      'T: Good plan. {affirm | genuine}',
      'T: Here is a leaflet. {giving-information}',
    );
    const b = turns(
      'T: You want to cut down. What would help? {question} {reflection.simple}',
      'C: Less beer.',
      'T: Good plan. {affirm}',
      'T: Here is a leaflet. {giving-information} {persuade}',
    );
    const c = turns(
      'T: You want to cut down. What would help? {question} {reflection.simple} {question}',
      'C: Less beer. {change}',
      'T: Good plan. {affirm}',
      'T: Here is a leaflet. {giving-information}',
    );
    const units = alignTurns([a, b, c]).units;
    const found = findDisagreements(units, miti);
    assert.deepEqual(
      found.map((d) => [d.preview, d.groups, d.sides.map((s) => s.codes)]),
      [
        ['C: L*** b***.', [], [[], [], ['c*****']]],
        ['T: H*** i* a l******.', ['behaviour'], [['giving-information'], ['giving-information', 'persuade'], ['giving-information']]],
      ],
    );
    assert.deepEqual(
      found[1]!.sides.map((s) => [s.copy, s.turn, s.line]),
      [
        [0, 4, 8],
        [1, 4, 8],
        [2, 4, 8],
      ],
    );
    assert.deepEqual(findDisagreements(alignTurns([a, a]).units, miti), []);
  });
});

describe('computeAgreement', () => {
  const annomi = builtin('annomi');

  it('gives one value per turn of the group role, the most specific member, (none) and an exclusivity warning', () => {
    const a = turns('T: Hi. {question.open}', 'C: Hello. {change}', 'T: So. {question} {reflection}', 'C: Yes.');
    const b = turns('T: Hi. {reflection.simple}', 'C: Hello. {change}', 'T: So. {question}', 'C: Yes. {sustain}');
    const report = computeAgreement(
      [
        { name: 'A', turns: a },
        { name: 'B', turns: b },
      ],
      annomi,
    );
    const [therapist, client] = report.groups;
    assert.equal(therapist!.units, 2);
    assert.deepEqual(therapist!.confusion.categories, ['question', 'reflection', 'input', 'other', '(none)']);
    assert.equal(therapist!.confusion.counts[0]![0], 1);
    assert.equal(therapist!.confusion.counts[0]![1], 1);
    assert.equal(therapist!.percentAgreement, 0.5);
    assert.deepEqual(report.warnings, [{ copy: 0, turn: 3, line: 7, group: 'therapist-behaviour', codes: ['question', 'reflection'], used: 'question' }]);
    // Client: change/change and (none)/sustain. Percent and kappa count (none); alpha treats it as missing.
    assert.equal(client!.percentAgreement, 0.5);
    assert.equal(client!.alphaUnits, 1);
    assert.equal(client!.krippendorffAlpha, null);
  });

  it('counts MITI persuade.with-permission as itself, not as persuade', () => {
    const miti = builtin('miti-4.2.1');
    const a = turns('T: If you like, I could suggest something. {persuade.with-permission}', 'T: You must stop. {persuade}');
    const report = computeAgreement(
      [
        { name: 'A', turns: a },
        { name: 'B', turns: a },
      ],
      miti,
    );
    const behaviour = report.groups.find((g) => g.id === 'behaviour')!;
    const i = behaviour.confusion.categories.indexOf('persuade.with-permission');
    assert.equal(behaviour.confusion.counts[i]![i], 1);
    assert.equal(behaviour.cohenKappa, 1);
  });

  describe('codes written in any order (issue 14)', () => {
    // The built-in MITI codebook declares its behaviour group non-exclusive (a volley earns several codes);
    // the same group declared exclusive shows that the order of codes does not matter there either.
    const mitiSets = builtin('miti-4.2.1');
    const miti = { ...mitiSets, groups: mitiSets.groups.map((g) => ({ ...g, exclusive: true })) };
    const behaviour = (report: ReturnType<typeof computeAgreement>) => report.groups.find((g) => g.id === 'behaviour')!;
    const a = turns(
      'T: So you want to cut down. What would help? {reflection.simple} {question}',
      'C: Less beer.',
      'T: That is a good plan. Say more? {affirm} {question}',
      'C: Fine.',
      'T: Here is a leaflet. {giving-information}',
    );
    const b = turns(
      'T: So you want to cut down. What would help? {question} {reflection.simple}',
      'C: Less beer.',
      'T: That is a good plan. Say more? {question} {affirm}',
      'C: Fine.',
      'T: Here is a leaflet. {giving-information}',
    );

    it('gives full agreement to two coders who wrote the same codes in another order, in an exclusive group too', () => {
      for (const codebook of [miti, mitiSets]) {
        const report = computeAgreement(
          [
            { name: 'A', turns: a },
            { name: 'B', turns: b },
          ],
          codebook,
        );
        const group = behaviour(report);
        assert.deepEqual([group.units, group.percentAgreement, group.cohenKappa, group.fleissKappa], [3, 1, 1, 1], `exclusive: ${group.exclusive}`);
      }
      // In the exclusive group the turn breaks exclusivity: the warning names the codes in the group's order, not as written.
      const warnings = computeAgreement(
        [
          { name: 'A', turns: a },
          { name: 'B', turns: b },
        ],
        miti,
      ).warnings;
      assert.deepEqual(
        warnings.map((w) => [w.copy, w.codes, w.used]),
        [
          [0, ['question', 'reflection.simple'], 'question'],
          [1, ['question', 'reflection.simple'], 'question'],
          [0, ['question', 'affirm'], 'question'],
          [1, ['question', 'affirm'], 'question'],
        ],
      );
    });

    it('compares the sets of a non-exclusive group: MASI alpha, each member present or absent, no exclusivity warning', () => {
      const c = turns(
        'T: So you want to cut down. What would help? {question}',
        'C: Less beer.',
        'T: That is a good plan. Say more? {affirm} {question} {reflection.complex}',
        'C: Fine.',
        'T: Here is a leaflet. {persuade}',
      );
      const report = computeAgreement(
        [
          { name: 'A', turns: a },
          { name: 'B', turns: b },
          { name: 'C', turns: c },
        ],
        mitiSets,
      );
      const group = behaviour(report);
      assert.equal(group.exclusive, false);
      assert.deepEqual(report.warnings, []);
      const sets = [
        [['question', 'reflection.simple'], ['question', 'reflection.simple'], ['question']],
        [
          ['question', 'affirm'],
          ['question', 'affirm'],
          ['question', 'reflection.complex', 'affirm'],
        ],
        [['giving-information'], ['giving-information'], ['persuade']],
      ];
      assert.equal(group.krippendorffAlpha, masiAlpha(sets).alpha);
      assert.equal(group.cohenKappa, undefined, 'three coders: Fleiss only');
      // Percent agreement on whole sets: in each volley one pair of three agrees.
      assert.ok(Math.abs(group.percentAgreement! - 1 / 3) < 1e-12);
      assert.deepEqual(group.confusion.categories, [
        'giving-information',
        'persuade',
        'question',
        'question + reflection.simple',
        'question + affirm',
        'question + reflection.complex + affirm',
        '(none)',
      ]);
      const presence = Object.fromEntries(group.presence!.map((p) => [p.code, p]));
      assert.deepEqual(
        group.presence!.map((p) => p.code),
        mitiSets.groups[0]!.codes,
        'every member, in the group order',
      );
      assert.deepEqual(presence['question']!.present, [2, 2, 2]);
      assert.equal(presence['question']!.fleissKappa, 1);
      assert.deepEqual(presence['affirm']!.present, [1, 1, 1]);
      assert.deepEqual(presence['reflection.simple']!.present, [1, 1, 0]);
      assert.deepEqual(presence['persuade']!.present, [0, 0, 1]);
      assert.deepEqual(presence['confront']!.present, [0, 0, 0]);
    });

    it('counts a subtype as its member in the sets, and persuade.with-permission as itself', () => {
      const x = turns('T: If you like, I could suggest something. {persuade.with-permission} {question}');
      const y = turns('T: If you like, I could suggest something. {question} {persuade}');
      const group = behaviour(
        computeAgreement(
          [
            { name: 'A', turns: x },
            { name: 'B', turns: y },
          ],
          mitiSets,
        ),
      );
      assert.deepEqual(group.confusion.categories, ['persuade + question', 'persuade.with-permission + question', '(none)']);
      assert.deepEqual(
        group.presence!.filter((p) => p.present.some((n) => n > 0)).map((p) => [p.code, p.present]),
        [
          ['persuade', [0, 1]],
          ['persuade.with-permission', [1, 0]],
          ['question', [1, 1]],
        ],
      );
    });

    it('never changes a figure when coders write their codes in another order (property)', () => {
      const codes = [
        'giving-information',
        'persuade',
        'persuade.with-permission',
        'question',
        'reflection.simple',
        'reflection.complex',
        'affirm',
        'seek-collaboration',
      ];
      const coded = fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 4 });
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 3 }),
          fc.array(fc.array(coded, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
          fc.infiniteStream(fc.nat()),
          (coders, volleys, picks) => {
            const shuffled = (values: readonly string[]): string[] =>
              values
                .map((v) => [picks.next().value as number, v] as const)
                .sort((x, y) => x[0] - y[0])
                .map(([, v]) => v);
            const copy = (k: number, order: (c: string[]) => string[]): Turn[] =>
              turns(
                ...volleys.flatMap((v, i) => [
                  `T: Volley ${i}. ${order(v[k]!)
                    .map((c) => `{${c}}`)
                    .join(' ')}`,
                  `C: Answer ${i}.`,
                ]),
              );
            for (const codebook of [miti, mitiSets]) {
              const figures = (order: (c: string[]) => string[]) => {
                const report = computeAgreement(
                  Array.from({ length: coders }, (_, k) => ({ name: String(k), turns: copy(k, order) })),
                  codebook,
                );
                return { groups: report.groups, codes: report.codes, warnings: report.warnings };
              };
              assert.deepEqual(
                figures(shuffled),
                figures((c) => c),
              );
            }
          },
        ),
        { seed: 14, numRuns: 150 },
      );
    });
  });

  describe('on real AnnoMI transcripts', () => {
    let text = '';
    let therapist = 0;
    const copy = (t: string) => parseSession(t).turns;
    before(function () {
      requireAnnomi(this);
      text = toAnnomiCodes(annomiSession(loadAnnomi().get(2)!, { codebook: 'annomi' }).text);
      therapist = copy(text).filter((t) => t.role === 'therapist').length;
    });

    it('gives 1.0 everywhere for identical copies', () => {
      const report = computeAgreement(
        [
          { name: 'A', turns: copy(text) },
          { name: 'B', turns: copy(text) },
        ],
        annomi,
      );
      assert.equal(report.alignment.unaligned.length, 0);
      for (const s of [...report.groups, ...report.codes]) {
        assert.ok(s.units > 0);
        for (const value of [s.percentAgreement, s.cohenKappa, s.fleissKappa, s.krippendorffAlpha]) assert.equal(value, 1, JSON.stringify(s));
      }
    });

    it('moves only the group a coder disagreed on, by the share of changed turns', () => {
      let n = 0;
      const b = text.replace(/\{question\}/g, (m) => (n++ % 3 === 0 ? '{reflection}' : m));
      const report = computeAgreement(
        [
          { name: 'A', turns: copy(text) },
          { name: 'B', turns: copy(b) },
          { name: 'C', turns: copy(text) },
        ],
        annomi,
      );
      const [behaviour, talk] = report.groups;
      const changed = Math.ceil(n / 3);
      assert.equal(behaviour!.units, therapist);
      close(behaviour!.percentAgreement, 1 - (2 * changed) / (3 * therapist), 'two of three pairs disagree on each changed turn');
      assert.ok(behaviour!.fleissKappa! < 1 && behaviour!.fleissKappa! > 0.5);
      assert.ok(behaviour!.krippendorffAlpha! < 1 && behaviour!.krippendorffAlpha! > 0.5);
      assert.equal(behaviour!.cohenKappa, undefined, 'Cohen only for two coders');
      assert.equal(behaviour!.confusion.kind, 'pairwise-sum');
      assert.equal(talk!.fleissKappa, 1);
      assert.deepEqual(
        report.codes.find((c) => c.code === 'question')!.present.map((p, k) => (k === 1 ? p + changed : p)),
        Array(3).fill(n),
      );
    });

    it('leaves a turn one coder dropped out, and still agrees on the rest', () => {
      const lines = text.split('\n');
      const dropped = lines.findIndex((l) => /\] C: .*\{neutral\}/.test(l));
      const b = [...lines.slice(0, dropped), ...lines.slice(dropped + 1)].join('\n');
      const report = computeAgreement(
        [
          { name: 'A', turns: copy(text) },
          { name: 'B', turns: copy(b) },
        ],
        annomi,
      );
      assert.deepEqual(
        report.alignment.unaligned.map((u) => [u.copy, u.line, u.missingFrom]),
        [[0, dropped + 1, [1]]],
      );
      for (const g of report.groups) assert.equal(g.cohenKappa, 1);
    });
  });
});

// The `core` codes the AnnoMI builder writes, as the annomi codebook's ids.
function toAnnomiCodes(text: string): string {
  const ids: Record<string, string> = { 'open-question': 'question', psychoeducation: 'input', 'change-talk': 'change', 'sustain-talk': 'sustain' };
  return text.replace(/\{(open-question|psychoeducation|change-talk|sustain-talk)\}/g, (_, id: string) => `{${ids[id]}}`);
}

// Units × categories counts as one value per rater.
function expand(counts: number[][]): string[][] {
  return counts.map((row) => row.flatMap((n, j) => Array<string>(n).fill(String(j))));
}

function lcsLength(a: Int32Array, b: Int32Array): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
  return table[a.length]![b.length]!;
}
