import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { parseSession } from '../../src/core/parse/session';
import { ANNOMI_CSV as CSV, annomiImportArgs, loadAnnomi, requireAnnomi } from '../support/annomi';
import { requireReference, runReference } from '../support/referenceTools';
import { makeWorkspace, runCli } from '../support/workspace';

// AnnoMI the way its authors analyse it (issue 14, item 7): the 133 transcripts imported with
// their transcript-level columns, then totalled by MI quality. The high and low groups' R:Q must
// be what this pandas expression gives on AnnoMI-simple.csv:
//
//   df[df.interlocutor=='therapist'].groupby('mi_quality').main_therapist_behaviour
//     .apply(lambda s: (s=='reflection').sum()/(s=='question').sum())
//
// The unit is the same on both sides: AnnoMI codes every utterance; each CSV row is one utterance,
// imported as one turn coded with its main behaviour as the parent id (`{reflection}`,
// `{question}`), and the annomi codebook counts each code as written: R:Q = reflections /
// questions over therapist utterances. AnnoMI has 23 therapist utterances that follow another
// therapist utterance; counted per MITI volley (one reflection and one question per volley) they
// would merge, and high would read 1261 / 1242 = 1.0153 instead of 1.0161: the annomi codebook
// must keep counting per utterance for the two to agree.

const IMPORT = annomiImportArgs('transcript_id', ['--meta-columns', 'mi_quality,topic']);

const PANDAS = (csv: string): string =>
  [
    'import json, pandas as pd',
    `df = pd.read_csv(${JSON.stringify(csv)})`,
    "rq = df[df.interlocutor=='therapist'].groupby('mi_quality').main_therapist_behaviour.apply(lambda s: (s=='reflection').sum()/(s=='question').sum())",
    "counts = df[df.interlocutor=='therapist'].groupby('mi_quality').main_therapist_behaviour.agg(lambda s: [int((s=='reflection').sum()), int((s=='question').sum())])",
    'print(json.dumps({q: {"rq": float(rq[q]), "reflections": counts[q][0], "questions": counts[q][1]} for q in rq.index}))',
  ].join('\n');

// What the expression gave on AnnoMI-simple.csv (pandas 1.5.3), so the test means something without pandas.
const RECORDED = {
  high: { sessions: 110, reflections: 1265, questions: 1245, rq: 1.0160642570281124 },
  low: { sessions: 23, reflections: 31, questions: 141, rq: 0.2198581560283688 },
};

type Quality = keyof typeof RECORDED;

interface Group {
  group: string;
  sessions: number;
  scoreCounts: { reflections?: number; questions?: number };
  summaryScores: { id: string; value: number | null }[];
}

// R:Q of a group as `stats --format json` gives it: the score the annomi codebook declares (id rq), and the counts behind it.
const figures = (g: Group) => ({
  sessions: g.sessions,
  reflections: g.scoreCounts.reflections,
  questions: g.scoreCounts.questions,
  rq: g.summaryScores.find((s) => s.id === 'rq')?.value,
});

describe('AnnoMI by MI quality (acceptance): import --meta-columns, then stats --by mi_quality', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let imported: Awaited<ReturnType<typeof runCli>>;
  let groups: Group[];

  before(async function () {
    requireAnnomi(this);
    ws = makeWorkspace({});
    imported = await runCli(['import', CSV, ...IMPORT, '--out', ws.path('annomi')], ws.dir);
    const stats = await runCli(['stats', 'annomi', '--by', 'mi_quality', '--format', 'json'], ws.dir);
    assert.equal(stats.code, 0, stats.stderr);
    groups = (JSON.parse(stats.stdout) as { groups: Group[] }).groups;
  });
  after(() => ws?.dispose());

  it("writes each session its transcript's mi_quality and topic, the same on every row of it", () => {
    assert.equal(imported.code, 0, imported.stderr);
    assert.doesNotMatch(imported.stderr, /differs within this session/);
    const names = readdirSync(ws.path('annomi')).sort();
    const transcripts = [...loadAnnomi(CSV)];
    assert.equal(names.length, 133);
    transcripts.forEach(([id, rows], i) => {
      const fm = parseSession(readFileSync(ws.path(`annomi/${names[i]}`), 'utf8')).frontMatter!;
      assert.deepEqual([fm.data['mi_quality'], fm.data['topic']], [rows[0]!.miQuality, rows[0]!.topic.trim()], `transcript ${id}`);
    });
  });

  it('gives the high and low groups the R:Q recorded from pandas, and from the CSV counted here', () => {
    assert.deepEqual(
      groups.map((g) => g.group),
      ['high', 'low'],
    );
    const rows = [...loadAnnomi(CSV).values()].flat().filter((r) => r.interlocutor === 'therapist');
    for (const quality of ['high', 'low'] as const) {
      const ours = figures(groups.find((g) => g.group === quality)!);
      assert.deepEqual(ours, RECORDED[quality], quality);
      const own = rows.filter((r) => r.miQuality === quality);
      const count = (behaviour: string) => own.filter((r) => r.therapistBehaviour === behaviour).length;
      assert.deepEqual([ours.reflections, ours.questions], [count('reflection'), count('question')], `${quality}: counted from the CSV`);
    }
  });

  it('gives the high and low groups the R:Q of the pandas expression, run now on AnnoMI-simple.csv', function () {
    requireReference(this, 'pandas');
    const pandas = JSON.parse(runReference('pandas', PANDAS(CSV))) as Record<Quality, { rq: number; reflections: number; questions: number }>;
    assert.deepEqual(Object.keys(pandas).sort(), ['high', 'low']);
    for (const quality of ['high', 'low'] as const) {
      const ours = figures(groups.find((g) => g.group === quality)!);
      assert.deepEqual([ours.reflections, ours.questions], [pandas[quality].reflections, pandas[quality].questions], quality);
      assert.ok(Math.abs(ours.rq! - pandas[quality].rq) < 1e-12, `${quality}: ours ${ours.rq}, pandas ${pandas[quality].rq}`);
    }
  });
});
