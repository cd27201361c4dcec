// How stories are ranked by members' significance votes (docs/ranking.md).
//
// A plain average lets one enthusiastic 5 outrank a story twenty members rated 4. A Bayesian average pulls every
// story toward a neutral prior until votes accumulate; time decay then lets this week's stories beat last
// month's at equal merit, with a half-life that fits the period asked for.

/** The neutral score (the middle of 1–5) and how many votes' worth of weight it carries. */
export const prior = { mean: 3, weight: 3 };

export type Period = 'day' | 'week' | 'month' | 'all';

export const periodHours: Record<Period, number | null> = { day: 24, week: 24 * 7, month: 24 * 30, all: null };

/** Hours for a story's score to halve, per period; null means no decay (all-time rankings). */
export const halfLifeHours: Record<Period, number | null> = { day: 12, week: 72, month: 240, all: null };

export function bayesianAverage(voteCount: number, voteSum: number): number {
  return (prior.mean * prior.weight + voteSum) / (prior.weight + voteCount);
}

