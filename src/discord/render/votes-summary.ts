// A story's significance votes in words, the same in its post, /news story, the vote's answer, /news lists and the
// digest.
import { bayesianAverage } from '../../ranking/significance.js';
import { plural } from '../reply.js';

/**
 * "4.0 / 5 from 2 votes (score 3.50)", or in lists, where room is short and the score would mislead beside a list
 * ordered by another (lookup-list.ts), "4.0 / 5 from 2 votes". "No votes yet" without any.
 */
export function votesSummary(votes: { count: number; sum: number }, form: 'long' | 'short' = 'long'): string {
  if (votes.count === 0) return 'No votes yet';
  const average = `${(votes.sum / votes.count).toFixed(1)} / 5 from ${plural(votes.count, 'vote', 'votes')}`;
  return form === 'short' ? average : `${average} (score ${bayesianAverage(votes.count, votes.sum).toFixed(2)})`;
}
