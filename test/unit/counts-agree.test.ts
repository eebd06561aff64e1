import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Linter, type Codebook, type Session } from '../../src/core';
import { createNodeHost } from '../../src/cli/nodeHost';
import { buildAllSessionsNodes, sessionTooltip } from '../../src/core/language/allSessionsNodes';
import { buildCurrentNodes, currentNodeView, type CurrentNode } from '../../src/core/language/currentSessionNodes';
import { codeTurns } from '../../src/core/research/charts';
import { sessionStats } from '../../src/core/research/stats';
import { renderStatisticsHtml } from '../../src/extension/statisticsPage';
import { BUILTIN_CODEBOOKS_DIR, ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// One session, three readers: the Current Session and All Sessions trees, `session-md stats` (the
// figures researchers publish) and the statistics view's charts must show the same numbers.

/** The figures `session-md stats` prints for one file: its JSON, with durations and scores as its table prints them. */
interface StatsFigures {
  turns: number;
  duration: string;
  speakers: [string, number, number, string, string][];
  phases: { name: string; status: string; turns: number; duration: string }[];
  codes: [string, number][];
  /** The summary scores as `[label, figure]`. */
  scores: [string, string][];
}

interface StatsJson {
  sessions: {
    turns: number;
    speakers: { label: string; turns: number; words: number; turnShare: number; wordShare: number }[];
    phases: { phase: string; status: string; turns: number }[];
    codes: { id: string; count: number }[];
  }[];
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

async function statsFigures(dir: string, file: string): Promise<StatsFigures> {
  const json = await runCli(['stats', '-f', 'json', file], dir);
  const table = await runCli(['stats', file], dir);
  assert.equal(json.code + table.code, 0, json.stderr + table.stderr);
  const s = (JSON.parse(json.stdout) as StatsJson).sessions[0]!;
  const lines = table.stdout.split('\n');
  const phaseHead = lines.findIndex((l) => /^ {2}phase +status/.test(l));
  const phaseRows = lines.slice(phaseHead + 1, phaseHead + 1 + s.phases.length).map((l) => l.trim().split(/ {2,}/));
  const scoreLine = lines.find((l) => /^ {2}Scores: /.test(l));
  return {
    turns: s.turns,
    duration: /duration (\S+)$/.exec(lines[2]!)![1]!,
    speakers: s.speakers.map((p) => [p.label, p.turns, p.words, percent(p.turnShare), percent(p.wordShare)]),
    phases: s.phases.map((p, i) => ({ name: p.phase, status: p.status, turns: p.turns, duration: phaseRows[i]![6]! })),
    codes: s.codes.map((c) => [c.id, c.count]),
    // `Scores: R:Q 0.6 · %CR 50% · …`, each figure after its label (labels have no space in them, MI totals aside).
    scores:
      scoreLine && !/^ {2}Scores: none/.test(scoreLine)
        ? scoreLine
            .replace(/^ {2}Scores: /, '')
            .split(' · ')
            .map((item) => /^(MI non-adherent|\S+) (.+)$/.exec(item)!.slice(1, 3) as [string, string])
        : [],
  };
}

// The editor's side, built as the extension builds it from an analysis (session and codes in force):
// the counts of the session, once (src/extension/sessionCounts.ts), then the trees and the charts.
const countsOf = (file: string, session: Session, codebook: Codebook | undefined) => sessionStats({ file, session, ...(codebook ? { codebook } : {}) });

function treeRoots(session: Session, codebook: Codebook | undefined): CurrentNode[] {
  return buildCurrentNodes(countsOf('x.session.md', session, codebook), session);
}

function allSessionsTooltip(session: Session, codebook: Codebook | undefined): string {
  const [group] = buildAllSessionsNodes([{ analysis: { linted: { session }, findings: [] }, name: 'x.session.md' }]);
  const node = group!.kind === 'group' ? group!.children[0]! : assert.fail();
  assert.equal(node.kind, 'session');
  return sessionTooltip(node as Extract<typeof node, { kind: 'session' }>, 'x.session.md', countsOf('x.session.md', session, codebook)).value.replace(
    /\\(.)/g,
    '$1',
  );
}

function chartHtml(file: string, session: Session, codebook: Codebook | undefined): string {
  return renderStatisticsHtml({ title: file, stats: countsOf(file, session, codebook), codeTurns: codeTurns(session) });
}

/** The label and figure of each line of one chart: `[label, figure]`, the label whole even where the chart shortens it. */
function chartLines(html: string, title: string): [string, string][] {
  const section = new RegExp(`<section aria-label="${title}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  const unescape = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  return [
    ...section.matchAll(
      /(?:<g><title>([^<]*)<\/title>)?<text x="0" y="([\d.]+)">([^<]*)<\/text>(?:<\/g>)?<text x="100%" y="\2" text-anchor="end">([^<]*)<\/text>/g,
    ),
  ].map(([, whole, , shown, figure]) => [unescape(whole ?? shown!), unescape(figure!)]);
}

function chartText(html: string, title: string): string {
  const section = new RegExp(`<section aria-label="${title}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  return section.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
}

/** `1:02:03`, `4:05` or `1 min 05 s` as seconds; `–` as null. */
function seconds(text: string): number | null {
  const clock = /^(?:(\d+):)?(\d+):(\d\d)$/.exec(text);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const minutes = /^(\d+) min (\d\d) s$/.exec(text);
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2]);
  assert.equal(text, '–', `a duration: ${text}`);
  return null;
}

const SESSIONS: Record<string, string> = {
  // Turns before the first heading and under an undeclared label, fractions of a second, an out-of-order phase, a phase without time.
  'edge/outside.session.md': [
    '---',
    'client: E-1',
    'session: 1',
    'speakers: { T: therapist, C: client }',
    'codebook: miti-4.2.1',
    'phases: mi',
    '---',
    '',
    '[00:00:01.5] T: Before any heading, hello there. {question}',
    'P: Someone undeclared speaks. (laughs)',
    '',
    '## Evoking',
    '',
    '[00:01:02.7] T: What would change? {question}',
    '[00:01:59.6] C: Less drinking. {reflection}',
    '[00:02:30] T: You want less. {reflection.simple} {#drink}',
    '',
    '## Engaging',
    '',
    '[00:03:00.4] T: Back to engaging. {reflection.complex} {affirm}',
    'C: Sure. (pause) [inaudible]',
    '',
  ].join('\n'),
  // Reflections that are neither simple nor complex: R:Q has a figure, %CR none.
  'edge/bare.session.md': [
    '---',
    'course: Group Z',
    'codebook: miti-4.2.1',
    'phases: mi',
    '---',
    '',
    '## Engaging',
    '',
    '[00:00:00] T: You feel it. {reflection}',
    '[00:00:59.6] T: And? {question}',
    '## Evoking',
    '',
    '[00:01:00] T: Hm. {reflection}',
    '',
  ].join('\n'),
  // No questions at all, and no timestamps.
  'edge/plain.session.md': ['T: No front matter at all. {reflection.simple}', 'C: Fine. {change-talk}', 'Client: Label not default. {sustain-talk}', ''].join(
    '\n',
  ),
};

const EXAMPLES = ['01-intake', '04-sleep-window', '08-termination'].map((name) => `C-017/${name}.session.md`);

describe('the trees, `session-md stats` and the charts show the same counts of a session', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  const linter = new Linter(createNodeHost(BUILTIN_CODEBOOKS_DIR));
  before(() => {
    const examples = Object.fromEntries(EXAMPLES.map((f) => [f, readFileSync(join(ROOT, 'examples', f), 'utf8')]));
    ws = makeWorkspace({ ...SESSIONS, ...examples });
  });
  after(() => ws?.dispose());

  for (const file of [...Object.keys(SESSIONS), ...EXAMPLES]) {
    describe(file, () => {
      let stats: StatsFigures;
      let session: Session;
      let codebook: Codebook | undefined;
      before(async () => {
        stats = await statsFigures(ws.dir, file);
        const linted = await linter.lintText(ws.path(file), readFileSync(ws.path(file), 'utf8'));
        session = linted.session;
        codebook = linted.codesInForce;
      });

      it('the Current Session tree: turns, speakers, phases and codes', () => {
        const roots = treeRoots(session, codebook);
        const view = (n: CurrentNode) => currentNodeView(n);
        assert.equal(view(roots[2]!).description, `${stats.turns} turns`);
        const speakers = roots[2]!.children.map((n) => {
          const [, label, turnShare, wordShare] = /^(.*) — (\d+%) of turns, (\d+%) of words$/.exec(view(n).label)!;
          const [, turns, words] = /: (\d+) turns, (\d+) words$/.exec(String(view(n).tooltip))!;
          return [label!, Number(turns), Number(words), turnShare!, wordShare!];
        });
        assert.deepEqual(speakers, stats.speakers);
        const phases = roots[1]!.children.map((n) => {
          const d = view(n).description!;
          return {
            name: view(n).label,
            status: d === 'missing' ? 'missing' : d.startsWith('out of order') ? 'out-of-order' : 'present',
            turns: Number(/(\d+) turns?/.exec(d)?.[1] ?? 0),
          };
        });
        assert.deepEqual(
          phases,
          stats.phases.filter((p) => p.status !== 'outside').map(({ name, status, turns }) => ({ name, status, turns })),
        );
        assert.deepEqual(
          roots[3]!.children.map((n) =>
            /^(.*) × (\d+)$/
              .exec(view(n).label)!
              .slice(1)
              .map((x, i) => (i ? Number(x) : x)),
          ),
          stats.codes,
        );
      });

      it('the All Sessions tree: turns and duration', () => {
        const tooltip = allSessionsTooltip(session, codebook);
        assert.match(tooltip, new RegExp(`^- Turns: ${stats.turns}$`, 'm'));
        assert.equal(/^- Duration: (.*)$/m.exec(tooltip)?.[1] ?? '–', stats.duration);
      });

      it('the charts: time (or turns) per phase, speaker shares, codes and the summary scores', () => {
        const html = chartHtml(file, session, codebook);
        const timed = stats.phases.some((p) => p.duration !== '–');
        const phases = chartLines(html, 'Time per phase').map(([label, figure]) => {
          const [, name, status] = /^(.*?)(?: \(([\w-]+)\))?$/.exec(label)!;
          return { name: name!, status: status ?? 'present', figure: timed ? seconds(figure) : figure };
        });
        assert.deepEqual(
          phases,
          stats.phases.map((p) => ({ name: p.name, status: p.status, figure: timed ? seconds(p.duration) : `${p.turns} turns` })),
        );
        const shares = chartLines(html, 'Speaker share');
        assert.deepEqual(
          shares.filter(([l]) => l.endsWith(' · turns')).map(([l, f]) => [l.slice(0, -8), f]),
          stats.speakers.map((s) => [s[0], s[3]]),
        );
        assert.deepEqual(
          shares.filter(([l]) => l.endsWith(' · words')).map(([l, f]) => [l.slice(0, -8), f]),
          stats.speakers.map((s) => [s[0], s[4]]),
        );
        const codes = chartLines(html, 'Codes over the session').filter(([l]) => l !== 'turn 1');
        assert.deepEqual(
          codes.map(([id, figure]) => [id, Number(figure.slice(2))]),
          stats.codes,
        );
        if (stats.codes.length > 0) assert.match(chartText(html, 'Codes over the session'), new RegExp(` turn ${stats.turns} $`));
        const scores = chartText(html, 'Summary scores');
        for (const [label, figure] of stats.scores)
          assert.ok(scores.includes(`${label} ${figure}`) || scores.includes(`${label}: ${figure}`), `the chart shows ${label} ${figure}: ${scores}`);
        const drawn = Object.fromEntries(chartLines(html, 'Summary scores'));
        for (const [label, figure] of stats.scores) if (label in drawn) assert.equal(drawn[label], figure.startsWith('–') ? '–' : figure, label);
      });
    });
  }
});
