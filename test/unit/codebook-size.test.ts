import { strict as assert } from 'node:assert';
import { CodebookLoader, type FileHost } from '../../src/core';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// Issue 11, item 10: a hostile 100,000-code library (2.9 MB) cost seconds of YAML parsing at every
// load, in the editor's extension host too. Codebooks and libraries are read up to 1 MB.
describe('codebook size limit', () => {
  const codes = (n: number): string =>
    `name: Big\ncodes:\n${Array.from({ length: n }, (_, i) => `  - id: code-${String(i).padStart(6, '0')}\n    label: C`).join('\n')}\n`;

  it('refuses a library above 1 MB without opening it, even when the general limit is higher', async () => {
    const text = codes(40_000);
    assert.ok(text.length > 1_000_000);
    const reads: string[] = [];
    const host: FileHost = {
      builtinCodebookDir: BUILTIN_CODEBOOKS_DIR,
      maxFileSize: { bytes: 10_000_000, setting: '--max-file-size' },
      stat: async () => ({ isFile: true, isDirectory: false, size: text.length }),
      readFile: async (path) => {
        reads.push(path);
        return text;
      },
      readBytes: async (path) => {
        reads.push(path);
        return new TextEncoder().encode(text);
      },
    };
    const loaded = await new CodebookLoader(host).load('/w/big.codebook.yaml', '/w');
    assert.deepEqual(reads, []);
    assert.equal(loaded.codebook, undefined);
    assert.match(loaded.readError ?? '', /above the 1 MB limit \(the limit for codebooks and libraries\)/);
  });

  it('keeps the lower general limit when --max-file-size is below 1 MB', async () => {
    const host: FileHost = {
      builtinCodebookDir: BUILTIN_CODEBOOKS_DIR,
      maxFileSize: { bytes: 1000, setting: '--max-file-size' },
      stat: async () => ({ isFile: true, isDirectory: false, size: 5000 }),
      readFile: async () => assert.fail('not to be read'),
      readBytes: async () => assert.fail('not to be read'),
    };
    const loaded = await new CodebookLoader(host).load('/w/small.codebook.yaml', '/w');
    assert.match(loaded.readError ?? '', /above the 1 kB limit \(--max-file-size\)/);
  });

  it('reports text above 1 MB (an editor buffer) as one problem at its start, and reads a library just under it', () => {
    const big = parseCodebook(codes(40_000), '/w/big.codebook.yaml');
    assert.equal(big.codebook, undefined);
    assert.equal(big.problems.length, 1);
    assert.match(big.problems[0]!.message, /above the limit for codebooks and libraries \(1 MB\); it is not read/);
    assert.deepEqual(big.problems[0]!.range.start, { line: 1, column: 1, offset: 0 });
    const fits = parseCodebook(codes(30_000), '/w/fits.codebook.yaml');
    assert.deepEqual(fits.problems, []);
    assert.equal(fits.codebook?.codes.size, 30_000);
  });
});
