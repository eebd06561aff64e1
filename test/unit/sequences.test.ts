import { strict as assert } from 'node:assert';
import { parseSession } from '../../src/core/parse/session';
import { erfc, normalTwoSidedP } from '../../src/core/research/normal';
import { tableStatistics, transitionTable, transitionsByField } from '../../src/core/research/sequences';
import { requireReference, runReference } from '../support/referenceTools';

// Issue 17, item 5: transitions from the codes of a therapist turn to the codes of the client turn
// `lag` turns later, with P(to|from), the expected count and the adjusted residual
// z = (O − E) / √(E (1 − row/N) (1 − col/N)), E = row · col / N (Haberman, 1973, Biometrics 29,
// 205–220; the adjusted residual of Bakeman & Quera, 2011), and its two-sided p.

const session = (quality: string, body: string[]) =>
  parseSession(['---', 'session: 1', 'client: C-001', `mi_quality: ${quality}`, '---', '', '## Beginning', '', ...body, ''].join('\n'));

const TALK = session('high', [
  'T: How was the week? {open-question}',
  'C: Better. {change-talk}',
  'T: Better, and you slept. {reflection.simple} {open-question}',
  'C: I did. {change-talk} {neutral}',
  'T: Good. {affirmation}',
  'T: And work? {open-question}',
  'C: Hard. {sustain-talk}',
  'C: Very hard. {sustain-talk}',
  'T: Hmm.',
  'C: Yes. {neutral}',
]);

/** A cell of a table, by its codes. */
const cellOf = (table: ReturnType<typeof transitionTable>, from: string, to: string) => table.cells.find((c) => c.from === from && c.to === to)!;

describe('sequences: the transition table (issue 17, item 5)', () => {
  it('pairs each therapist turn with the next turn when it is the client’s, each code of one with each code of the other', () => {
    const table = transitionTable([TALK], { from: 'therapist', to: 'client', lag: 1 });
    // Turns 1→2, 3→4 and 6→7 are therapist → client with codes on both; 5→6 is therapist → therapist, 9→10 has no therapist code.
    assert.equal(table.transitions, 3);
    // 1→2: open-question→change-talk; 3→4: 2 × 2 tallies; 6→7: open-question→sustain-talk.
    assert.equal(table.tallies, 6);
    assert.deepEqual(
      table.fromCodes.map((c) => [c.id, c.total]),
      [
        ['open-question', 4],
        ['reflection.simple', 2],
      ],
    );
    assert.deepEqual(
      table.toCodes.map((c) => [c.id, c.total]),
      [
        ['change-talk', 3],
        ['neutral', 2],
        ['sustain-talk', 1],
      ],
    );
    const cell = cellOf(table, 'open-question', 'change-talk');
    assert.equal(cell.count, 2);
    assert.equal(cell.probability, 2 / 4);
    assert.equal(cell.expected, (4 * 3) / 6);
    assert.equal(table.cells.length, 6, 'every cell, the empty ones too');
    assert.equal(cellOf(table, 'reflection.simple', 'sustain-talk').count, 0);
  });

  it('at lag 2 pairs a turn with the one two places on, and client → client when asked', () => {
    const lag2 = transitionTable([TALK], { from: 'therapist', to: 'client', lag: 2 });
    // 5→7 (affirmation→sustain-talk) and 6→8 (open-question→sustain-talk); 1→3 and 3→5 land on therapist turns.
    assert.deepEqual(
      lag2.cells.filter((c) => c.count > 0).map((c) => [c.from, c.to, c.count]),
      [
        ['affirmation', 'sustain-talk', 1],
        ['open-question', 'sustain-talk', 1],
      ],
    );
    const clients = transitionTable([TALK], { from: 'client', to: 'client', lag: 1 });
    assert.deepEqual(clients.cells, [
      { from: 'sustain-talk', to: 'sustain-talk', count: 1, probability: 1, expected: 1, adjustedResidual: null, p: null, expectedBelow5: true },
    ]);
  });

  it('gives one table per value of a front-matter field', () => {
    const low = session('low', ['T: Stop it. {confront}', 'C: No. {sustain-talk}']);
    const groups = transitionsByField([TALK, low], 'mi_quality', { from: 'therapist', to: 'client', lag: 1 });
    assert.deepEqual(
      groups.map((g) => [g.group, g.table.transitions, g.table.tallies]),
      [
        ['high', 3, 6],
        ['low', 1, 1],
      ],
    );
  });

  // The published worked example: Agresti, An Introduction to Categorical Data Analysis, 2nd ed.
  // (Wiley, 2007), section 2.4.5, Tables 2.5 and 2.6: party identification by gender (General
  // Social Survey 2000), whose standardized residuals (n − μ̂)/√(μ̂ (1 − p₊ⱼ)(1 − pᵢ₊)) are the
  // adjusted residuals above: 4.50, 0.70, −5.32 for females and their negatives for males.
  it('gives the adjusted residuals of the published party-identification example: 4.50, 0.70, −5.32', () => {
    const counts = new Map([
      [
        'female',
        new Map([
          ['democrat', 762],
          ['independent', 327],
          ['republican', 468],
        ]),
      ],
      [
        'male',
        new Map([
          ['democrat', 484],
          ['independent', 239],
          ['republican', 477],
        ]),
      ],
    ]);
    const { cells, tallies } = tableStatistics(counts);
    assert.equal(tallies, 2757);
    assert.deepEqual(
      cells.map((c) => Number(c.adjustedResidual!.toFixed(2))),
      [4.5, 0.7, -5.32, -4.5, -0.7, 5.32],
    );
    assert.ok(cells[0]!.p! < 1e-5 && cells[1]!.p! > 0.4, 'female democrats far from independence, female independents not');
  });

  it('gives the two-sided normal p: 0.05 at z = 1.959964, 0.0027 at z = 3', () => {
    assert.ok(Math.abs(normalTwoSidedP(1.959963984540054) - 0.05) < 1e-12);
    assert.ok(Math.abs(normalTwoSidedP(-3) - 0.0026997960632601866) < 1e-15);
    assert.equal(normalTwoSidedP(0), 1);
  });

  // Python 3's math.erfc (the C library's), as it printed these points: the figures do not need Python here.
  const ERFC_POINTS = [0.1, 0.5, 1, 1.5, 2, 2.4999, 2.5, 3, 4, 6, 10, 26];
  const RECORDED_ERFC = [
    0.8875370839817152, 0.4795001221869535, 0.15729920705028513, 0.033894853524689274, 0.0046777349810472654, 0.00040716990033345138, 0.00040695201744495892,
    2.2090496998585438e-5, 1.541725790028002e-8, 2.1519736712498916e-17, 2.0884875837625449e-45, 5.6631924088561432e-296,
  ];
  it('computes erfc as Python’s math.erfc gives it (recorded), to 1e-10 relative', () => {
    ERFC_POINTS.forEach((x, i) => assert.ok(Math.abs(erfc(x) / RECORDED_ERFC[i]! - 1) < 1e-10, `erfc(${x}) = ${erfc(x)}`));
  });

  // The same table computed independently in numpy, by the textbook formula, from the tallies
  // this table reports; p = math.erfc(|z| / √2).
  it('gives every cell the E, z and p that numpy computes from the same counts, run now', function () {
    requireReference(this, 'pandas');
    const table = transitionTable([TALK, TALK, session('x', ['T: Q? {open-question}', 'C: No. {sustain-talk}'])], { from: 'therapist', to: 'client', lag: 1 });
    const rows = table.fromCodes.map((r) => table.toCodes.map((c) => cellOf(table, r.id, c.id).count));
    const script = [
      'import json, math, numpy as np',
      `O = np.array(${JSON.stringify(rows)}, dtype=float)`,
      'N = O.sum(); r = O.sum(1, keepdims=True); c = O.sum(0, keepdims=True)',
      'E = r * c / N',
      'z = (O - E) / np.sqrt(E * (1 - r / N) * (1 - c / N))',
      'p = np.vectorize(lambda v: math.erfc(abs(v) / math.sqrt(2)))(z)',
      'print(json.dumps({"E": E.tolist(), "z": z.tolist(), "p": p.tolist(), "P": (O / r).tolist()}))',
    ].join('\n');
    const numpy = JSON.parse(runReference('pandas', script)) as Record<'E' | 'z' | 'p' | 'P', number[][]>;
    table.fromCodes.forEach((r, i) =>
      table.toCodes.forEach((c, j) => {
        const cell = cellOf(table, r.id, c.id);
        const close = (ours: number | null, theirs: number) => assert.ok(Math.abs(ours! - theirs) < 1e-12, `${r.id}→${c.id}: ${ours} vs ${theirs}`);
        close(cell.expected, numpy.E[i]![j]!);
        close(cell.adjustedResidual, numpy.z[i]![j]!);
        close(cell.p, numpy.p[i]![j]!);
        close(cell.probability, numpy.P[i]![j]!);
      }),
    );
  });
});
