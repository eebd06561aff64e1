import { strict as assert } from 'node:assert';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../support/paths';
import { referenceAvailable, REFERENCE_TOOLS, runReference, type ReferenceName } from '../support/referenceTools';
import { makeWorkspace, runCli } from '../support/workspace';

// The R and pandas recipes of docs/research.md ("Reading it") are run as the docs write them, on
// an export of the sample course, and what they read is checked against the export itself. The
// JSONL recipe once turned the timestamp 00:00:05 into today's date (pandas' convert_dates).

/** The code of the first fenced block in `language` under the heading `### Reading it` of docs/research.md. */
function recipe(language: 'r' | 'python'): string {
  const docs = readFileSync(join(ROOT, 'docs', 'research.md'), 'utf8');
  const section = docs.slice(docs.indexOf('\n### Reading it\n'), docs.indexOf('\n## Import\n'));
  const block = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section);
  assert.ok(block, `docs/research.md has no ${language} recipe under "Reading it"`);
  return block[1]!;
}

function skipWithout(context: Mocha.Context, name: ReferenceName): void {
  if (referenceAvailable(name)) return;
  context.test!.title += ` (skipped: ${name} is not installed; ${REFERENCE_TOOLS[name].install} to run it)`;
  context.skip();
}

/** The number of turns per role and per role and code, counted here from the exported CSV. */
function countsOf(csv: string): { roles: Record<string, number>; codes: Record<string, number> } {
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  const roles: Record<string, number> = {};
  const codes: Record<string, number> = {};
  for (const row of rows) {
    roles[row['role']!] = (roles[row['role']!] ?? 0) + 1;
    for (const code of row['codes']!.split(';')) codes[`${row['role']}|${code}`] = (codes[`${row['role']}|${code}`] ?? 0) + 1;
  }
  return { roles, codes };
}

describe('the R and pandas recipes of docs/research.md', function () {
  let ws: ReturnType<typeof makeWorkspace>;
  let csv: string;

  before(async () => {
    ws = makeWorkspace({});
    cpSync(join(ROOT, 'examples'), ws.path('examples'), { recursive: true });
    for (const [format, file] of [
      ['csv', 'turns.csv'],
      ['jsonl', 'turns.jsonl'],
    ] as const) {
      const result = await runCli(['export', 'examples/C-017', '--format', format, ...(format === 'csv' ? ['--csv-exact'] : []), '--out', file], ws.dir);
      assert.equal(result.code, 0, result.stderr);
    }
    csv = readFileSync(ws.path('turns.csv'), 'utf8');
  });
  after(() => ws?.dispose());

  it('pandas reads the CSV with the counts per role and code, and the JSONL with timestamps and dates as text', function () {
    skipWithout(this, 'pandas');
    const checks = [
      'import json',
      'per_code = turns.explode("codes").groupby(["role", "codes"]).size()',
      'print(json.dumps({"shape": list(turns.shape), "codes": {f"{r}|{c}": int(n) for (r, c), n in per_code.items()},',
      '  "timestamp": jsonl["timestamp"].tolist()[:2], "date": jsonl["date"].tolist()[0], "seconds": jsonl["seconds"].tolist()[:2],',
      '  "goals": [g for g in jsonl["goals"].tolist() if g][0], "jsonl_rows": len(jsonl)}))',
    ].join('\n');
    const out = JSON.parse(runReference('pandas', `import os\nos.chdir(${JSON.stringify(ws.dir)})\n${recipe('python')}\n${checks}\n`)) as Record<
      string,
      unknown
    >;
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(out['shape'], [records.length, 15]);
    assert.equal(out['jsonl_rows'], records.length);
    assert.deepEqual(out['codes'], countsOf(csv).codes);
    assert.match(records[0]!['timestamp']!, /^00:00:0\d$/);
    assert.deepEqual(
      out['timestamp'],
      records.slice(0, 2).map((r) => r['timestamp']),
    );
    assert.deepEqual(
      out['seconds'],
      records.slice(0, 2).map((r) => Number(r['seconds'])),
    );
    assert.equal(out['date'], '2026-01-13');
    assert.ok(Array.isArray(out['goals']));
  });

  it('R reads the CSV with the turns per role', function () {
    skipWithout(this, 'r');
    const out = runReference('r', `setwd(${JSON.stringify(ws.dir)})\n${recipe('r')}\ncat("rows", nrow(turns), ncol(turns), class(turns$codes), "\\n")\n`);
    const rows = (parse(csv, { columns: true }) as unknown[]).length;
    assert.match(out, new RegExp(`rows ${rows} 15 list`));
    // The recipe's aggregate() prints a row per role: "1    client   80".
    const printed = Object.fromEntries([...out.matchAll(/^\d+\s+(\w+)\s+(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
    assert.deepEqual(printed, countsOf(csv).roles);
  });
});
