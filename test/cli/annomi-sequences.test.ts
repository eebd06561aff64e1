import { strict as assert } from 'node:assert';
import { ANNOMI_CSV as CSV, annomiImportArgs, requireAnnomi } from '../support/annomi';
import { requireReference, runReference } from '../support/referenceTools';
import { makeWorkspace, runCli } from '../support/workspace';

// Issue 17, item 6: co-occurrence and the therapist-behaviour → client-talk transition table on the
// 133 AnnoMI transcripts, imported with their mi_quality, split by it, against the same
// computations done directly in pandas on AnnoMI-simple.csv (one row per utterance; an import
// writes one turn per row, coded with the main therapist behaviour or the client talk type, and
// `therapist_input` as `input`). The pandas expressions, run as PANDAS below:
//
//   df['code'] = df.main_therapist_behaviour.where(df.interlocutor == 'therapist', df.client_talk_type)
//                  .replace({'therapist_input': 'input'})            # pandas reads 'n/a' as NaN
//   Co-occurrence per MITI volley (the utterances of one speaker in a row, in one transcript):
//   df['volley'] = (df.interlocutor != df.groupby('transcript_id').interlocutor.shift()).cumsum()
//   sets = df.groupby(['mi_quality', 'volley']).code.agg(lambda s: sorted(set(s.dropna())))
//   pairs = sets.apply(lambda s: list(itertools.combinations(s, 2))).explode().dropna()
//   pairs.groupby(level='mi_quality').value_counts()
//   Transitions at lag 1 (the next utterance of the transcript, when it is the client's):
//   df['next_interlocutor'] = df.groupby('transcript_id').interlocutor.shift(-1)
//   df['next_talk'] = df.groupby('transcript_id').client_talk_type.shift(-1)
//   t = df[(df.interlocutor == 'therapist') & (df.next_interlocutor == 'client')].dropna(subset=['code', 'next_talk'])
//   O = pd.crosstab(g.code, g.next_talk) for each mi_quality group g of t, then in numpy
//   E = r c / N and z = (O − E) / sqrt(E (1 − r/N) (1 − c/N)) (Bakeman & Quera, 2011).
//
// AnnoMI-simple codes one behaviour per utterance, so the therapist behaviours co-occur only in
// the 23 volleys of two or more therapist utterances; what co-occurs is checked all the same.

const IMPORT = annomiImportArgs('transcript_id', ['--meta-columns', 'mi_quality']);

const PANDAS = (csv: string): string =>
  [
    'import json, itertools, numpy as np, pandas as pd',
    `df = pd.read_csv(${JSON.stringify(csv)})`,
    "df['code'] = df.main_therapist_behaviour.where(df.interlocutor == 'therapist', df.client_talk_type).replace({'therapist_input': 'input'})",
    "df['volley'] = (df.interlocutor != df.groupby('transcript_id').interlocutor.shift()).cumsum()",
    "sets = df.groupby(['mi_quality', 'volley']).code.agg(lambda s: sorted(set(s.dropna())))",
    "pairs = sets.apply(lambda s: [f'{a}+{b}' for a, b in itertools.combinations(s, 2)]).explode().dropna()",
    "cooccur = {q: {k: int(v) for k, v in pairs.xs(q, level='mi_quality').value_counts().items()} for q in ['high', 'low']}",
    "df['next_interlocutor'] = df.groupby('transcript_id').interlocutor.shift(-1)",
    "df['next_talk'] = df.groupby('transcript_id').client_talk_type.shift(-1)",
    "t = df[(df.interlocutor == 'therapist') & (df.next_interlocutor == 'client')].dropna(subset=['code', 'next_talk'])",
    'out = {}',
    "for q, g in t.groupby('mi_quality'):",
    '    O = pd.crosstab(g.code, g.next_talk)',
    '    N = O.values.sum(); r = O.values.sum(1, keepdims=True); c = O.values.sum(0, keepdims=True)',
    '    E = r * c / N',
    '    z = (O.values - E) / np.sqrt(E * (1 - r / N) * (1 - c / N))',
    "    out[q] = {f'{a}>{b}': [int(O.values[i, j]), float(O.values[i, j] / r[i, 0]), float(E[i, j]), float(z[i, j])] for i, a in enumerate(O.index) for j, b in enumerate(O.columns)}",
    "print(json.dumps({'cooccur': cooccur, 'transitions': out}))",
  ].join('\n');

// What PANDAS gave on AnnoMI-simple.csv (pandas 1.5.3, numpy 1.24), so the test means something without pandas:
// co-occurring pairs per volley, and [count, adjusted residual] of each transition cell.
const RECORDED = {
  cooccur: {
    high: { 'input+other': 2, 'other+reflection': 1, 'question+reflection': 1, 'input+question': 1 },
    low: { 'input+question': 4, 'other+question': 1, 'question+reflection': 1 },
  },
  transitions: {
    high: {
      'input>change': [88, -3.1646444000296237],
      'input>neutral': [337, 4.394000685571906],
      'input>sustain': [35, -2.365777469526866],
      'other>change': [336, -1.4657404897046276],
      'other>neutral': [914, 0.7363364672092196],
      'other>sustain': [162, 0.9089516414454264],
      'question>change': [382, 5.385134398671572],
      'question>neutral': [712, -5.666330103292899],
      'question>sustain': [146, 1.2308541590088153],
      'reflection>change': [294, -1.7039825658344356],
      'reflection>neutral': [830, 1.9041372405005301],
      'reflection>sustain': [131, -0.5610738870934828],
    },
    low: {
      'input>change': [29, 1.4405072288163365],
      'input>neutral': [77, -3.6545992982705515],
      'input>sustain': [32, 3.2562409987507737],
      'other>change': [19, 0.06634668192849012],
      'other>neutral': [75, 0.2866840527132226],
      'other>sustain': [15, -0.4447188439496325],
      'question>change': [19, -1.4485272714954167],
      'question>neutral': [107, 2.5526769682820727],
      'question>sustain': [15, -1.8075638971870271],
      'reflection>change': [5, -0.08404374437110522],
      'reflection>neutral': [24, 1.4949818580749625],
      'reflection>sustain': [1, -1.8652412419360158],
    },
  },
};

type Quality = 'high' | 'low';
interface Cell {
  from: string;
  to: string;
  count: number;
  probability: number;
  expected: number;
  adjustedResidual: number | null;
}
interface Grouped<T> {
  groupedBy: string;
  groups: (T & { group: Quality })[];
}

const pairsOf = (table: { pairs: { a: string; b: string; units: number }[] }) => Object.fromEntries(table.pairs.map((p) => [`${p.a}+${p.b}`, p.units]));
const cellsOf = (table: { cells: Cell[] }) => Object.fromEntries(table.cells.map((c) => [`${c.from}>${c.to}`, c]));
const close = (ours: number | null | undefined, theirs: number, what: string) =>
  assert.ok(ours != null && Math.abs(ours - theirs) < 1e-9, `${what}: ours ${ours}, pandas ${theirs}`);

describe('AnnoMI by MI quality (acceptance): cooccur and sequences against pandas', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let cooccur: Grouped<{ pairs: { a: string; b: string; units: number }[] }>;
  let sequences: Grouped<{ cells: Cell[]; transitions: number }>;

  before(async function () {
    requireAnnomi(this);
    ws = makeWorkspace({});
    const imported = await runCli(['import', CSV, ...IMPORT, '--out', ws.path('annomi')], ws.dir);
    assert.equal(imported.code, 0, imported.stderr);
    const c = await runCli(['cooccur', 'annomi', '--unit', 'volley', '--by', 'mi_quality', '--format', 'json'], ws.dir);
    assert.equal(c.code, 0, c.stderr);
    cooccur = JSON.parse(c.stdout);
    const s = await runCli(['sequences', 'annomi', '--from', 'therapist', '--to', 'client', '--by', 'mi_quality', '--format', 'json'], ws.dir);
    assert.equal(s.code, 0, s.stderr);
    sequences = JSON.parse(s.stdout);
  });
  after(() => ws?.dispose());

  it('gives per volley the co-occurring codes that pandas gave, in both groups', () => {
    assert.deepEqual(
      cooccur.groups.map((g) => g.group),
      ['high', 'low'],
    );
    for (const g of cooccur.groups) assert.deepEqual(pairsOf(g), RECORDED.cooccur[g.group], g.group);
  });

  it('gives the therapist → client transition counts and adjusted residuals that pandas gave, in both groups', () => {
    assert.deepEqual(
      sequences.groups.map((g) => g.group),
      ['high', 'low'],
    );
    for (const g of sequences.groups) {
      const ours = cellsOf(g);
      const recorded = RECORDED.transitions[g.group] as Record<string, number[]>;
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(recorded).sort(), g.group);
      for (const [key, [count, z]] of Object.entries(recorded)) {
        assert.equal(ours[key]!.count, count, `${g.group} ${key}`);
        close(ours[key]!.adjustedResidual, z!, `${g.group} ${key}`);
      }
    }
  });

  it('gives the same co-occurrence and transition table as the pandas expressions, run now on AnnoMI-simple.csv', function () {
    requireReference(this, 'pandas');
    const pandas = JSON.parse(runReference('pandas', PANDAS(CSV))) as {
      cooccur: Record<Quality, Record<string, number>>;
      transitions: Record<Quality, Record<string, [number, number, number, number]>>;
    };
    for (const g of cooccur.groups) assert.deepEqual(pairsOf(g), pandas.cooccur[g.group], g.group);
    for (const g of sequences.groups) {
      const ours = cellsOf(g);
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(pandas.transitions[g.group]).sort(), g.group);
      for (const [key, [count, probability, expected, z]] of Object.entries(pandas.transitions[g.group])) {
        assert.equal(ours[key]!.count, count, `${g.group} ${key}`);
        close(ours[key]!.probability, probability, `${g.group} ${key} P(to|from)`);
        close(ours[key]!.expected, expected, `${g.group} ${key} expected`);
        close(ours[key]!.adjustedResidual, z, `${g.group} ${key} z`);
      }
    }
  });
});
