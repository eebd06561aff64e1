import { strict as assert } from 'node:assert';
import { ConfigLoadError } from '../../src/core';
import { ConfigResolver } from '../../src/core/config/config';
import { createNodeHost } from '../../src/cli/nodeHost';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';
import { makeWorkspace } from '../support/workspace';

// `pii:` in .sessionmdrc.yaml: the denylist and pseudonym map are read through the host, relative
// to the config that names them, and a nearer config's setting replaces a farther one's.
const host = createNodeHost(BUILTIN_CODEBOOKS_DIR);

describe('the pii settings of .sessionmdrc.yaml', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('reads the name list without comments and blank lines, and the pseudonyms by case-insensitive key', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'pii:\n  names: private/names.txt\n  pseudonyms: private/pseudonyms.yaml\n',
      'private/names.txt': '\uFEFF# clients\r\nJane Doe\r\n\r\n  Søren   # partner\r\nAnn\rZoë\n',
      'private/pseudonyms.yaml': 'Jane  DOE: Client A\n"07700 900123": "[phone of C-017]"\n',
    });
    const config = await new ConfigResolver(host).forFile(ws.path('a.session.md'));
    assert.deepEqual(config.pii?.names, ['Jane Doe', 'Søren', 'Ann', 'Zoë'], 'CRLF, LF and a lone CR end a line');
    assert.deepEqual(
      [...config.pii!.pseudonyms!],
      [
        ['jane doe', 'Client A'],
        ['07700 900123', '[phone of C-017]'],
      ],
    );
    assert.deepEqual(config.files, [ws.path('.sessionmdrc.yaml'), ws.path('private/names.txt'), ws.path('private/pseudonyms.yaml')]);
  });

  it('takes each of names and pseudonyms from the nearest config that sets it, relative to that config', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'pii:\n  names: all.txt\n  pseudonyms: all.yaml\n',
      'all.txt': 'Jane Doe\n',
      'all.yaml': 'Jane Doe: Client A\n',
      'course/.sessionmdrc.yaml': 'pii:\n  names: ../private/course.txt\n',
      'private/course.txt': 'Søren\n',
    });
    const config = await new ConfigResolver(host).forFile(ws.path('course/a.session.md'));
    assert.deepEqual(config.pii?.names, ['Søren']);
    assert.deepEqual([...config.pii!.pseudonyms!], [['jane doe', 'Client A']]);
    assert.deepEqual(config.files, [ws.path('.sessionmdrc.yaml'), ws.path('course/.sessionmdrc.yaml'), ws.path('private/course.txt'), ws.path('all.yaml')]);
  });

  it('rejects a one-letter name at its line, and an unknown pii setting at its key', async () => {
    ws = makeWorkspace({
      '.sessionmdrc.yaml': 'pii:\n  names: names.txt\n',
      'names.txt': 'Jane Doe\n  J\n',
      'b/.sessionmdrc.yaml': 'pii:\n  denylist: names.txt\n',
    });
    const problems = async (file: string): Promise<string[]> => {
      const error = await new ConfigResolver(host).forFile(ws.path(file)).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof ConfigLoadError, file);
      return error.errors.flatMap((e) =>
        e.problems.map((p) => `${e.path.slice(ws.dir.length + 1)}:${p.range.start.line}:${p.range.start.column} ${p.message}`),
      );
    };
    assert.deepEqual(await problems('a.session.md'), ['names.txt:2:3 a name needs at least 2 characters; a shorter one would match too many words']);
    assert.deepEqual(await problems('b/a.session.md'), ["b/.sessionmdrc.yaml:2:3 Unknown field 'denylist' in 'pii'"]);
  });
});
