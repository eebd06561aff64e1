import { strict as assert } from 'node:assert';
import { lintSession, parseSession, parseCodebook, sessionFileName, sessionTemplate, validateSessionName, type ResolvedConfig } from '../../src/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

const CONFIG: ResolvedConfig = { rules: {}, requiredFields: [], libraries: [], files: [] };
const CORE = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'core.codebook.yaml'), 'utf8'), 'core').codebook!;

describe('New Session', () => {
  it('writes a template that lints clean, with or without a client from a sibling session', () => {
    for (const options of [{ session: 5, date: '2026-11-26', client: 'C-017', therapist: 'T-02' }, { session: 1, date: '2026-11-26' }]) {
      const text = sessionTemplate(options);
      const session = parseSession(text);
      assert.deepEqual(lintSession(session, { config: CONFIG, codebook: CORE }), [], JSON.stringify(options));
      assert.equal(session.frontMatter!.session, options.session);
      assert.deepEqual(session.sections.map((s) => s.phase?.name), ['Beginning', 'Middle', 'Termination']);
      assert.equal(session.frontMatter!.client, options.client);
    }
  });

  it('accepts a plain name and refuses folders, hidden files and empty names', () => {
    assert.equal(validateSessionName('05-relapse-plan'), undefined);
    assert.equal(sessionFileName(' 05-relapse-plan.session.md '), '05-relapse-plan.session.md');
    assert.equal(sessionFileName('intake.md'), 'intake.session.md');
    assert.match(validateSessionName('   ')!, /Enter a file name/);
    assert.match(validateSessionName('../escape')!, /without a folder/);
    assert.match(validateSessionName('.hidden')!, /without a folder/);
    assert.match(validateSessionName('x'.repeat(121))!, /at most 120/);
  });
});
