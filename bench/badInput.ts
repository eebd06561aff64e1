import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../test/support/paths';
import { BOUNDED_CASES } from './boundedInputs';

/** One hostile input, as the files of a throw-away folder and the paths to lint in it. */
export interface BadInput {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** Files of this many bytes with no content written (sparse): only their size matters. */
  sizes?: Record<string, number>;
  /** Symbolic links, name → target. */
  links?: Record<string, string>;
  /** Named pipes (mkfifo) nobody writes to: reading one would wait for ever. */
  fifos?: string[];
  args?: string[];
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return lines.join('\n');
}

const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);
const HELLO = 'T: Hello.\n';

const CASES: BadInput[] = [
  { name: 'binary file', files: { 'x.session.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff, 0x00]) } },
  { name: '5 MB single line', files: { 'x.session.md': 'C: ' + 'so I keep lying awake {neutral} '.repeat(160_000) } },
  { name: '1 MB single line', files: { 'x.session.md': 'C: ' + 'word '.repeat(200_000) } },
  { name: '100 MB file (sparse)', files: { 'x.session.md': HELLO }, sizes: { 'huge.session.md': 100_000_000 } },
  { name: 'empty file', files: { 'x.session.md': '' } },
  { name: 'invalid UTF-8', files: { 'x.session.md': Buffer.concat([Buffer.from('C: caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]) } },
  { name: 'YAML alias bomb', files: { 'x.session.md': `---\n${aliasBomb()}\n---\n\n${HELLO}` } },
  { name: 'YAML alias bomb in a config', files: { '.sessionmdrc.yaml': `${aliasBomb()}\n`, 'x.session.md': HELLO } },
  { name: 'YAML 10,000 deep, front matter', files: { 'x.session.md': `---\nextra: ${DEEP}\n---\n\n${HELLO}` } },
  { name: 'YAML 10,000 deep, config', files: { '.sessionmdrc.yaml': `rules: ${DEEP}\n`, 'x.session.md': HELLO } },
  {
    name: 'YAML 10,000 deep, codebook',
    files: { 'x.session.md': `---\ncodebook: deep.codebook.yaml\n---\n\n${HELLO}`, 'deep.codebook.yaml': `name: Deep\ncodes: ${DEEP}\n` },
  },
  {
    name: 'codebook that is not YAML',
    files: { 'x.session.md': '---\ncodebook: bad.codebook.yaml\n---\n\nT: Hi. {summary}\n', 'bad.codebook.yaml': '\u0007: [: {\n' },
  },
  { name: 'nested lists (5,000 `- - x` lines)', files: { 'x.session.md': `${HELLO}\n${'- - x\n'.repeat(5000)}` } },
  { name: 'symbolic-link loops', files: { 'a/one.session.md': HELLO }, links: { 'a/loop': '..', b: 'b2', b2: 'b' }, args: ['.', 'b'] },
  { name: 'missing path', files: {}, args: ['does/not/exist.session.md'] },
  ...BOUNDED_CASES,
];

// A run that hangs is killed after this long and shows as exit null.
const TIMEOUT_MS = 60_000;

/** One hostile input's run: wall time, exit code and the CLI's peak resident set size. */
export interface BadInputRun {
  name: string;
  ms: number;
  exitCode: number | null;
  maxRssMb: number;
}

/** Times `node dist/cli.js lint` on each hostile input of the issue; each must end in under 2 s with exit code 1 or 2. */
export function timeBadInputs(): BadInputRun[] {
  const cli = join(ROOT, 'dist', 'cli.js');
  const rssHook = join(ROOT, 'bench', 'rss.cjs');
  return CASES.map(({ name, files, sizes, links, fifos, args }) => {
    const dir = mkdtempSync(join(tmpdir(), 'session-md-bad-'));
    mkdirSync(join(dir, '.git'));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    for (const [file, size] of Object.entries(sizes ?? {})) {
      writeFileSync(join(dir, file), '');
      truncateSync(join(dir, file), size);
    }
    for (const [link, target] of Object.entries(links ?? {})) symlinkSync(target, join(dir, link));
    for (const fifo of fifos ?? []) spawnSync('mkfifo', [join(dir, fifo)]);
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--require', rssHook, cli, 'lint', ...(args ?? ['.'])], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: TIMEOUT_MS,
    });
    const ms = performance.now() - start;
    rmSync(dir, { recursive: true, force: true });
    const rss = Math.max(0, ...[...result.stderr.matchAll(/sessionmd-bench maxRSS (\d+)/g)].map((m) => Number(m[1])));
    return { name, ms, exitCode: result.status, maxRssMb: rss / 1024 };
  });
}

/** The table `npm run bench` prints: one row per hostile input, flagged when it is slow, large or exits wrongly. */
export function badInputTable(runs: BadInputRun[]): string[] {
  const rows = [`${'bad input (node dist/cli.js lint)'.padEnd(36)}${'ms'.padStart(8)}${'peak MB'.padStart(9)}  exit`];
  for (const b of runs) {
    const wrong = b.ms > 2000 || b.maxRssMb > 200 || (b.exitCode !== 1 && b.exitCode !== 2);
    rows.push(
      `${b.name.padEnd(36)}${b.ms.toFixed(0).padStart(8)}${b.maxRssMb.toFixed(0).padStart(9)}  ${b.exitCode}${wrong ? '  OVER 2 s OR 200 MB, OR WRONG EXIT' : ''}`,
    );
  }
  return rows;
}

// Standalone: `npm run build && node --import tsx bench/badInput.ts`.
if (require.main === module) for (const row of badInputTable(timeBadInputs())) console.log(row);
