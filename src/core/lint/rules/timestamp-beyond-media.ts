import { mediaDuration } from '../../media/mediaFile';
import { clockText } from '../../research/segment';
import type { Rule } from '../types';

/** A timestamp later than the end of the recording the session names. */
export const timestampBeyondMedia: Rule = {
  id: 'timestamp-beyond-media',
  description: 'Timestamps must fall within the recording named by `media:` (its duration is read from the file header).',
  defaultSeverity: 'warning',
  check({ session, media, report }) {
    const duration = mediaDuration(media);
    if (duration === undefined) return;
    for (const turn of session.turns) {
      const ts = turn.timestamp;
      if (ts?.seconds === undefined || ts.seconds <= duration) continue;
      report({ message: `This timestamp is after the end of the recording, which lasts ${clockText(duration)}`, range: ts.range });
    }
  },
};
