import { strict as assert } from 'node:assert';
import { ANNOMI_CSV as CSV, annomiImportArgs, requireAnnomi } from '../support/annomi';
import { requireReference, runReference } from '../support/referenceTools';
import { makeWorkspace, runCli } from '../support/workspace';

// `session-md query` on real data (issue 17, item 6): the 133 AnnoMI transcripts (Wu et al.,
// ICASSP 2022; AnnoMI-simple.csv from https://github.com/uccollab/AnnoMI) imported with their
// transcript-level columns, as in annomi-by-quality.test.ts, then queried. Each CSV row is one
// utterance, imported as one turn coded with its label, so the turns a query selects must number
// what the pandas expression beside it counts on the CSV, with
//
//   df = pd.read_csv('AnnoMI-simple.csv')
//   t, c = df.interlocutor == 'therapist', df.interlocutor == 'client'
//   hi, lo = df.mi_quality == 'high', df.mi_quality == 'low'
//
// The annomi codebook's group client-talk is change, neutral and sustain (codebooks/annomi.codebook.yaml).

const IMPORT = annomiImportArgs('transcript_id', ['--meta-columns', 'mi_quality,topic']);

interface Check {
  what: string;
  args: string[];
  /** The pandas expression whose value the number of hits must be. */
  pandas: string;
}

const CHECKS: Record<string, Check> = {
  reflectionsHigh: {
    what: 'reflections by therapists in high-quality sessions',
    args: ['-q', 'code:reflection and role:therapist and mi_quality=high'],
    pandas: "(t & hi & (df.main_therapist_behaviour == 'reflection')).sum()",
  },
  changeLow: {
    what: 'client change talk in low-quality sessions (as shorthand flags)',
    args: ['--code', 'change', '--role', 'client', '--where', 'mi_quality=low'],
    pandas: "(c & lo & (df.client_talk_type == 'change')).sum()",
  },
  drinkWords: {
    what: 'turns with a word starting with "drink"',
    args: ['-q', 'text:drink*'],
    pandas: "df.utterance_text.str.contains(r'\\bdrink', case=False, regex=True).sum()",
  },
  notOrLow: {
    what: 'therapist turns of low-quality sessions that are neither reflection nor question',
    args: ['-q', 'role:therapist and not (code:reflection or code:question) and mi_quality=low'],
    pandas: "(t & ~df.main_therapist_behaviour.isin(['reflection', 'question']) & lo).sum()",
  },
  clientTalkHigh: {
    what: 'utterances of the client-talk group in high-quality sessions, by utterance',
    args: ['-q', 'code:client-talk and mi_quality=high', '--unit', 'utterance'],
    pandas: "(hi & df.client_talk_type.isin(['change', 'neutral', 'sustain'])).sum()",
  },
  alcoholClient: {
    what: 'client turns of the sessions on reducing alcohol consumption',
    args: ['-q', 'topic="reducing alcohol consumption" and role:client'],
    pandas: "(c & (df.topic.str.strip() == 'reducing alcohol consumption')).sum()",
  },
  sustainLow: {
    what: 'client sustain talk in low-quality sessions, with one turn of context',
    args: ['-q', 'code:sustain and mi_quality=low', '--context', '1'],
    pandas: "(c & lo & (df.client_talk_type == 'sustain')).sum()",
  },
};

// The context rows of sustainLow: the turns just before or after a hit, in its transcript, that are no hits themselves.
const CONTEXT_PANDAS = [
  "m = c & lo & (df.client_talk_type == 'sustain')",
  'near = m.groupby(df.transcript_id).shift(1, fill_value=False) | m.groupby(df.transcript_id).shift(-1, fill_value=False)',
  '(near & ~m).sum()',
];

// What the expressions gave on AnnoMI-simple.csv (pandas 1.5.3), so the test means something without pandas.
const RECORDED: Record<keyof typeof CHECKS, number> & { sustainLowContext: number } = {
  reflectionsHigh: 1265,
  changeLow: 72,
  drinkWords: 499,
  notOrLow: 269,
  clientTalkHigh: 4398,
  alcoholClient: 859,
  sustainLow: 63,
  sustainLowContext: 96,
};

const PANDAS = (csv: string): string =>
  [
    'import json, pandas as pd',
    `df = pd.read_csv(${JSON.stringify(csv)})`,
    "t, c = df.interlocutor == 'therapist', df.interlocutor == 'client'",
    "hi, lo = df.mi_quality == 'high', df.mi_quality == 'low'",
    'out = {}',
    ...Object.entries(CHECKS).map(([key, check]) => `out[${JSON.stringify(key)}] = int(${check.pandas})`),
    ...CONTEXT_PANDAS.slice(0, -1),
    `out["sustainLowContext"] = int(${CONTEXT_PANDAS[CONTEXT_PANDAS.length - 1]})`,
    'print(json.dumps(out))',
  ].join('\n');

describe('AnnoMI query counts (acceptance): import --meta-columns, then query, against pandas', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  const ours: Record<string, number> = {};

  before(async function () {
    requireAnnomi(this);
    ws = makeWorkspace({});
    const imported = await runCli(['import', CSV, ...IMPORT, '--out', ws.path('annomi')], ws.dir);
    assert.equal(imported.code, 0, imported.stderr);
    for (const [key, check] of Object.entries(CHECKS)) {
      const result = await runCli(['query', 'annomi', ...check.args, '-f', 'jsonl'], ws.dir);
      assert.equal(result.code, 0, `${check.what}: ${result.stderr}`);
      assert.equal(result.stderr, '', `${check.what}: no note on a code or field the sessions do not know`);
      const rows = result.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as { match: string });
      ours[key] = rows.filter((row) => row.match === 'hit').length;
      if (key === 'sustainLow') ours['sustainLowContext'] = rows.filter((row) => row.match === 'context').length;
    }
  });
  after(() => ws?.dispose());

  for (const [key, check] of Object.entries(CHECKS)) {
    it(`${check.what}: as many as recorded from pandas (${check.pandas})`, () => {
      assert.equal(ours[key], RECORDED[key as keyof typeof CHECKS]);
    });
  }

  it('the context rows of sustain talk in low-quality sessions: as many as recorded from pandas', () => {
    assert.equal(ours['sustainLowContext'], RECORDED.sustainLowContext);
  });

  it('every count equals the pandas expression, run now on AnnoMI-simple.csv', function () {
    requireReference(this, 'pandas');
    const pandas = JSON.parse(runReference('pandas', PANDAS(CSV))) as Record<string, number>;
    assert.deepEqual(ours, pandas);
  });
});
