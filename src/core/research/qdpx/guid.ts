import { createHash } from 'node:crypto';

// GUIDs are derived from what an element is (a session's path, a turn's index, a code's id), not
// drawn at random, so exporting the same sessions twice gives the same project, byte for byte,
// and a project another tool re-exports still links to the same elements.

const NAMESPACE = 'session-markdown:refi-qda:';

/** A name-based GUID (RFC 4122 version 5 layout, SHA-1 of the key in session-md's namespace) for the element named by `key`. */
export function stableGuid(key: string): string {
  const hash = createHash('sha1')
    .update(NAMESPACE + key, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
