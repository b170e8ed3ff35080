import type { IssueSources } from "../content/load.ts";

/**
 * Shard `k` of `n` (1-based) of a back catalogue, for a CI matrix. An issue's pages depend
 * on all its articles, so shards take whole issues: the largest first, each to the shard
 * with the fewest articles so far, so the runners get about the same work. Every shard
 * computes the same assignment, so together they build every issue exactly once.
 */
export function shardIssues(issues: IssueSources[], k: number, n: number): IssueSources[] {
  const load = Array.from({ length: n }, () => 0);
  const order = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => b.issue.articles.length - a.issue.articles.length || a.index - b.index);
  const mine = new Set<number>();
  for (const { issue, index } of order) {
    const shard = load.indexOf(Math.min(...load));
    load[shard] = (load[shard] ?? 0) + issue.articles.length;
    if (shard === k - 1) mine.add(index);
  }
  return issues.filter((_, index) => mine.has(index));
}

/** `k/n` with 1 ≤ k ≤ n, or what is wrong with it. */
export function parseShard(value: string): { k: number; n: number } | string {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) return `--shard must be k/n with 1 ≤ k ≤ n (e.g. 2/4), not '${value}'`;
  return { k, n };
}
