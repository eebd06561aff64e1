/** The transcripts the extension analyses. */
export const SESSION_GLOB = '**/*.session.md';
/** Technique libraries and codebooks. */
export const LIBRARY_GLOB = '**/*.codebook.yaml';
/** Folders never searched. */
export const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
