/**
 * The ranks in order, and what the page shows for a rank. These mirror the membership service's delegation rules
 * only to hide what it would refuse: a person changes only members ranked below them, never themselves, and grants
 * only ranks below their own. The API still decides every change.
 */
export const ranks = ['viewer', 'member', 'manager', 'admin', 'owner'] as const;
export type RankName = (typeof ranks)[number];

const level = (rank: string | null | undefined) => ranks.indexOf((rank ?? '') as RankName);

export function administers(myRank: string | null | undefined): boolean {
  return level(myRank) >= level('manager');
}

export function mayChange(myRank: string | null | undefined, targetRank: string): boolean {
  return administers(myRank) && level(targetRank) < level(myRank);
}

/** Ranks the caller may hand out (never owner: ownership is transferred). */
export function grantableRanks(myRank: string | null | undefined): RankName[] {
  return ranks.filter((rank) => rank !== 'owner' && level(rank) < level(myRank));
}

export function atLeast(rank: string | null | undefined, minimum: string): boolean {
  return level(rank) >= level(minimum);
}
