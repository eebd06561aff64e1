/** A file-name-safe form of a text: letters, digits, `.`, `_` and `-`, other runs replaced by `-`; `blank` when nothing is left. */
export function slug(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned === '' ? 'blank' : cleaned;
}

/**
 * The `.session.md` file name for each split value, in the same order: `<prefix>-<value>`,
 * whole numbers zero-padded to a common width of at least four digits (`annomi-0042`), other
 * values made safe by `slug`, and a `-2`, `-3`, … suffix where two values come out the same.
 */
export function splitFileNames(keys: readonly string[], prefix: string): string[] {
  const numeric = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  const width = numeric ? Math.max(4, ...keys.map((k) => String(Number(k)).length)) : 0;
  const taken = new Set<string>();
  return keys.map((key) => {
    // An exported `file` column holds transcript paths: `a/b.session.md` names `<prefix>-a-b`.
    const base = `${prefix}-${numeric ? String(Number(key)).padStart(width, '0') : slug(key.replace(/\.session\.md$/i, ''))}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return `${name}.session.md`;
  });
}
