import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { runWith } from '../support/lintRun';
import { memoryHost } from '../support/memoryHost';
import { transcript } from '../support/workspace';

// `run()` has one file-access seam: the host it is given. Transcripts, configs, codebooks,
// libraries, pii files, the cache and every output go through it, so a CLI run on a host whose
// files exist nowhere on disk works, and writes nothing to disk.
describe('session-md on the host it is given, and nothing else', () => {
  const WS = '/nowhere-on-disk/course';
  const library = ['name: Shared library', 'codes:', '  - id: summary', '    label: Summary', '    role: client', ''].join('\n');
  const files = (): Record<string, string> => ({
    [`${WS}/.git/HEAD`]: 'ref: refs/heads/main\n',
    [`${WS}/.sessionmdrc.yaml`]: 'pii:\n  names: names.txt\n',
    [`${WS}/names.txt`]: 'Jane Doe\n',
    [`${WS}/libs/own.codebook.yaml`]: library,
    [`${WS}/C-001/a.session.md`]: transcript({ middle: ['[00:06:00] C: And my mood is low. {#mood}', '[00:07:00] C: Jane Doe said so. {neutral}'] }),
  });

  it('lints with the config, pii name list and library of the host, and --fix and --cache write through it', async () => {
    assert.ok(!existsSync(WS));
    const host = memoryHost(files());
    const result = await runWith(['lint', '--fix', '--cache', '-f', 'json', '.'], WS, { host });
    const json = JSON.parse(result.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(
      json.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]),
      [
        // The name comes from the host's list; the library (which makes `summary` a client code) from its folder.
        ['C-001/a.session.md', ['pii-name', 'code-role-mismatch']],
        ['libs/own.codebook.yaml', ['codebook-conflict']],
      ],
      result.stderr,
    );
    assert.equal(result.code, 1);
    assert.match(host.text(`${WS}/C-001/a.session.md`) ?? '', /- id: mood/, 'the fix was written to the host');
    assert.match(host.text(`${WS}/.sessionmd-cache`) ?? '', /^\{"sessionmd":"lint-cache"/, 'the cache was written to the host');
    assert.ok(host.calls.includes(`read ${WS}/names.txt`) && host.calls.includes(`read ${WS}/libs/own.codebook.yaml`));
    assert.ok(!existsSync(WS), 'nothing was written to disk');
  });

  it('checks codebooks, counts statistics, exports and imports through it', async () => {
    const host = memoryHost({ ...files(), [`${WS}/in.vtt`]: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Therapist>What brings you here?\n' });
    const check = await runWith(['codebook', 'check', 'libs'], WS, { host });
    assert.deepEqual([check.code, check.stdout], [0, 'No problems found in 1 file.\n']);
    const stats = await runWith(['stats', '-f', 'json'], WS, { host });
    assert.equal((JSON.parse(stats.stdout) as { sessions: { file: string }[] }).sessions[0]?.file, 'C-001/a.session.md');
    const exported = await runWith(['export', '-o', 'turns.csv'], WS, { host });
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(host.text(`${WS}/turns.csv`) ?? '', /^file,client,session/);
    const imported = await runWith(['import', 'in.vtt', '--from', 'vtt', '-o', 'C-002/'], WS, { host });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(host.text(`${WS}/C-002/in.session.md`) ?? '', /Therapist: What brings you here\?/);
    assert.ok(!existsSync(WS), 'nothing was written to disk');
  });
});
