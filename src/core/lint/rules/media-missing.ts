import type { Rule } from '../types';

/** A `media:` that names no file the editor could play: nothing there, or a path that is refused. */
export const mediaMissing: Rule = {
  id: 'media-missing',
  description: 'The recording named by `media:` must be a file inside the workspace folder, at a path relative to the transcript.',
  defaultSeverity: 'warning',
  check({ media, report }) {
    if (!media) return;
    const { location, range } = media;
    // The path as written is not repeated: a recording's name often carries the client's.
    if (location.status === 'missing') report({ message: 'The media file does not exist: no file at this path, relative to the transcript', range });
    else if (location.status === 'refused') report({ message: `The media path ${location.reason}`, range });
  },
};
