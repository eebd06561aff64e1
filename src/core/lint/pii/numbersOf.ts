import type { Session } from '../../model';
import { findNumbers, type NumberSpans } from './numbers';
import { memoised } from './places';

/** The phone numbers, ID numbers and dates of a session, found once for the three rules that report them. */
export function numbersOf(session: Session): NumberSpans {
  return memoised(session, 'numbers', () => findNumbers(session.text));
}
