// music-metadata, which reads a recording's header for the `media:` checks, as a bundle of its own
// (dist/musicMetadata.js): the CLI's other bundles load it only for a transcript that names a recording.
export { parseBuffer } from 'music-metadata';
