import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths';
import { makeWorkspace, runCli } from '../support/workspace';

// An import writes the source's words as they are, so a real transcript is not "clean apart from
// phase-missing": its e-mail addresses and phone numbers rightly trip the pii rules. The README
// once claimed otherwise.
describe('session-md import: lint findings of what it wrote', () => {
  let ws: ReturnType<typeof makeWorkspace>;
  afterEach(() => ws?.dispose());

  it('reports pii findings (exit 1) and still writes the session, never phase-missing; the README says so', async () => {
    ws = makeWorkspace({
      'call.txt': 'Therapist: How can I reach you?\nClient: Mail me at sam.lee@example.org or call 07700 900123.\n',
    });
    const result = await runCli(['import', 'call.txt', '--from', 'text', '--out', 'call.session.md'], ws.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.ok(existsSync(ws.path('call.session.md')));
    assert.match(result.stderr, /pii-email/);
    assert.match(result.stderr, /pii-phone/);
    assert.doesNotMatch(result.stderr, /phase-missing/);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.doesNotMatch(readme, /lints clean apart from/);
    assert.match(readme, /- `import`:[^]*?trip the `pii-\*` rules/);
  });
});
