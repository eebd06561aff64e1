import { strict as assert } from 'node:assert';
import { type Codebook } from '../../src/core';
import { mergeLibraries, type LibrarySource } from '../../src/core/codebook/library';
import { parseCodebook } from '../../src/core/codebook/codebook';

function library(name: string, path: string, codes: string): Codebook {
  const result = parseCodebook(`name: ${name}\ncodes:\n${codes}`, path);
  assert.deepEqual(result.problems, []);
  return result.codebook!;
}

const BUILTIN = library(
  'Built-in',
  '/builtin/core.codebook.yaml',
  [
    '  - id: reflection.complex',
    '    label: Complex reflection',
    '    role: therapist',
    '    snippets:',
    '      - label: Built-in example',
    '        body: "T: It sounds like ${1:x}. {reflection.complex}"',
    '  - id: homework',
    '    label: Homework',
    '    role: therapist',
  ].join('\n'),
);
const SETTINGS = library(
  'Supervisor set',
  '/home/me/supervisor.codebook.yaml',
  ['  - id: homework', '    label: Home practice', '    role: therapist', '  - id: check-in', '    label: Check-in', '    role: any'].join('\n'),
);
const WORKSPACE = library(
  'CBT trainee library',
  '/ws/libs/cbt.codebook.yaml',
  [
    '  - id: reflection.complex',
    '    label: Complex reflection',
    '    role: therapist',
    '    snippets:',
    '      - label: Trainee example',
    '        body: "T: You feel ${1:x} because ${2:y}. {reflection.complex}"',
    '  - id: check-in',
    '    label: Check-in',
    '    role: client',
  ].join('\n'),
);
const FILE = library('Session scheme', '/ws/s/scheme.codebook.yaml', ['  - id: homework', '    label: Homework task', '    role: client'].join('\n'));

const layer = (source: LibrarySource, codebook: Codebook) => ({ source, codebook });

describe('library merging', () => {
  it('takes each code from the first library in precedence order: file, workspace, settings, built-in', () => {
    const merged = mergeLibraries([layer('builtin', BUILTIN), layer('settings', SETTINGS), layer('workspace', WORKSPACE), layer('file', FILE)])!;
    const code = (id: string) => merged.codebook.codes.get(id)!;
    assert.deepEqual([code('homework').label, code('homework').codebook], ['Homework task', 'Session scheme']);
    assert.deepEqual([code('check-in').role, code('check-in').codebook], ['client', 'CBT trainee library']);
    assert.equal(code('reflection.complex').codebook, 'CBT trainee library');
    assert.deepEqual(
      merged.codebook.libraries.map((l) => l.source),
      ['file', 'workspace', 'settings', 'builtin'],
    );
  });

  it('keeps the snippets of every library, each tagged with its library', () => {
    const merged = mergeLibraries([layer('builtin', BUILTIN), layer('workspace', WORKSPACE)])!;
    const snippets = merged.codebook.codes.get('reflection.complex')!.snippets;
    assert.deepEqual(
      snippets.map((s) => [s.label, (s as { library?: string }).library]),
      [
        ['Trainee example', 'CBT trainee library'],
        ['Built-in example', 'Built-in'],
      ],
    );
  });

  it('reports a conflicting id once, at the losing definition (or the winning one when a built-in lost), naming both libraries', () => {
    const merged = mergeLibraries([layer('builtin', BUILTIN), layer('settings', SETTINGS), layer('workspace', WORKSPACE), layer('file', FILE)])!;
    assert.deepEqual(
      merged.conflicts.map((c) => [c.id, c.path, c.range?.start.line]),
      [
        ['homework', '/home/me/supervisor.codebook.yaml', 3],
        ['check-in', '/home/me/supervisor.codebook.yaml', 6],
        ['homework', '/ws/s/scheme.codebook.yaml', 3],
      ],
    );
    const first = merged.conflicts.find((c) => c.id === 'check-in')!;
    assert.equal(
      first.message,
      "Code 'check-in' is also defined by 'CBT trainee library' (/ws/libs/cbt.codebook.yaml:9) with a different definition (role 'any' here, 'client' there); that one is used, because workspace libraries come before settings ones",
    );
    const same = mergeLibraries([layer('builtin', BUILTIN), layer('workspace', WORKSPACE)])!;
    assert.deepEqual(same.conflicts, [], 'the same definition in two libraries is no conflict');
  });

  it('uses a library loaded twice only once', () => {
    const merged = mergeLibraries([layer('workspace', WORKSPACE), layer('settings', WORKSPACE)])!;
    assert.equal(merged.codebook.libraries.length, 1);
    assert.equal(merged.codebook.codes.get('reflection.complex')!.snippets.length, 1);
  });
});
