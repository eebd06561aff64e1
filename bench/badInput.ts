import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../test/support/paths';

/** One hostile input, as the files of a throw-away folder and the paths to lint in it. */
interface BadInput {
  name: string;
  files: Record<string, string | Uint8Array>;
  args?: string[];
}

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `---\n${lines.join('\n')}\n---\n\nT: Hello.\n`;
}

const CASES: BadInput[] = [
  { name: 'binary file', files: { 'x.session.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0xff, 0x00]) } },
  { name: '5 MB single line', files: { 'x.session.md': 'C: ' + 'so I keep lying awake {neutral} '.repeat(160_000) } },
  { name: 'empty file', files: { 'x.session.md': '' } },
  { name: 'invalid UTF-8', files: { 'x.session.md': Buffer.concat([Buffer.from('C: caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]) } },
  { name: 'YAML alias bomb', files: { 'x.session.md': aliasBomb() } },
  { name: 'codebook that is not YAML', files: { 'x.session.md': '---\ncodebook: bad.codebook.yaml\n---\n\nT: Hi. {summary}\n', 'bad.codebook.yaml': '\u0007: [: {\n' } },
  { name: 'missing path', files: {}, args: ['does/not/exist.session.md'] },
];

/** Times `node dist/cli.js lint` on each hostile input of the issue; each must end in under 2 s with exit code 1 or 2. */
export function timeBadInputs(): { name: string; ms: number; exitCode: number | null }[] {
  const cli = join(ROOT, 'dist', 'cli.js');
  return CASES.map(({ name, files, args }) => {
    const dir = mkdtempSync(join(tmpdir(), 'session-md-bad-'));
    mkdirSync(join(dir, '.git'));
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    const start = performance.now();
    const result = spawnSync(process.execPath, [cli, 'lint', ...(args ?? ['.'])], { cwd: dir, encoding: 'utf8' });
    const ms = performance.now() - start;
    rmSync(dir, { recursive: true, force: true });
    return { name, ms, exitCode: result.status };
  });
}
