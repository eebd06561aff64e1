import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ANNOMI_FULL_CSV, annomiImportArgs, requireAnnomiFull } from '../support/annomi';
import { makeWorkspace, runCli } from '../support/workspace';

// AnnoMI's published inter-annotator agreement, reproduced through session-md import and agree.
//
// AnnoMI-full.csv (github.com/uccollab/AnnoMI; no licence file, so it never enters the
// repository) holds 133 transcripts; 7 of them (transcript_id 7, 27, 55, 56, 66, 109, 130) were
// coded by all 10 annotators (annotator_id 0–9), one row per utterance and annotator, with the
// same utterance text, speaker and timestamp for every annotator. The figures, Fleiss' kappa
// 0.7365 for the therapist's main behaviour and 0.4669 for the client's talk type, come out of
// this unit definition:
//
// - a unit is one utterance (transcript_id, utterance_id) of those 7 transcripts, pooled into one
//   table over all 7: 216 therapist utterances (main_therapist_behaviour: question, reflection,
//   therapist_input, other) and 212 client utterances (client_talk_type: change, neutral, sustain);
// - each of the 10 annotators gives each unit one category, and Fleiss' kappa is computed over
//   the 10 raters, with the categories' shares pooled over the whole table.
//
// (Kappa per transcript does not give them: it ranges from 0.553 to 0.760 for the therapist and
// from 0.327 to 0.597 for the client.) Here each annotator's rows become one coder's
// copy: `import --split-by annotator_id` writes one session per annotator holding the 7
// transcripts one after the other, so `agree` aligns the 10 copies utterance by utterance and
// pools the units as the published figures do. The annomi codebook's groups are exclusive, one
// label per utterance, as AnnoMI's are.

const IMPORT = annomiImportArgs('annotator_id', ['--prefix', 'annotator']);

interface JsonGroup {
  id: string;
  units: number;
  fleissKappa: number;
}

describe('AnnoMI-full: the published agreement of 10 annotators on 7 transcripts', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  after(() => ws?.dispose());

  it("reproduces Fleiss' kappa 0.7365 for the therapist's main behaviour and 0.4669 for the client's talk type", async function () {
    requireAnnomiFull(this);
    const rows = parse(readFileSync(ANNOMI_FULL_CSV), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const annotators = new Map<string, Set<string>>();
    for (const row of rows) annotators.set(row['transcript_id']!, (annotators.get(row['transcript_id']!) ?? new Set()).add(row['annotator_id']!));
    const shared = new Set([...annotators].filter(([, who]) => who.size === 10).map(([id]) => id));
    assert.deepEqual(
      [...shared].map(Number).sort((a, b) => a - b),
      [7, 27, 55, 56, 66, 109, 130],
    );
    // Each annotator's rows, transcript after transcript, utterance after utterance.
    const order = (row: Record<string, string>): number[] => [Number(row['transcript_id']), Number(row['utterance_id'])];
    const subset = rows.filter((row) => shared.has(row['transcript_id']!)).sort((a, b) => order(a)[0]! - order(b)[0]! || order(a)[1]! - order(b)[1]!);
    ws = makeWorkspace({});
    writeFileSync(ws.path('annomi-full-10.csv'), stringify(subset, { header: true, columns: Object.keys(rows[0]!) }));

    const imported = await runCli(['import', 'annomi-full-10.csv', ...IMPORT, '--out', 'coders/'], ws.dir);
    assert.notEqual(imported.code, 2, imported.stderr);
    assert.match(imported.stderr, /imported 10 sessions \(4280 turns\)/);
    const copies = readdirSync(ws.path('coders'))
      .sort()
      .map((name) => `coders/${name}`);
    assert.equal(copies.length, 10);

    const result = await runCli(['agree', ...copies, '--format', 'json'], ws.dir);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    // Every utterance aligns in all 10 copies: the units are the utterances.
    assert.deepEqual([report.units, report.unaligned.length, report.edited.length, report.speakerMismatches.length], [428, 0, 0, 0]);
    const groups = Object.fromEntries((report.groups as JsonGroup[]).map((g) => [g.id, g]));
    const therapist = groups['therapist-behaviour']!;
    const client = groups['client-talk']!;
    assert.deepEqual([therapist.units, client.units], [216, 212]);
    assert.equal(therapist.fleissKappa.toFixed(4), '0.7365');
    assert.equal(client.fleissKappa.toFixed(4), '0.4669');
  });
});
