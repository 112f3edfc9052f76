// Tests the top-stories window of each period and the score that ranks clusters in it.
import { describe, expect, it } from 'vitest';
import { GROWTH_HOURS, rankWindow, storyScore, type ClusterActivity } from '../../pipeline/cluster/story-rank.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-10T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const day = rankWindow('24h', { oldest: iso(NOW - 30 * 24 * HOUR), newest: iso(NOW - HOUR) }, NOW);
const activity = (a: Partial<ClusterActivity>): ClusterActivity => ({
  articles: 1,
  outlets: 1,
  languages: 1,
  newest: iso(NOW),
  recent: 0,
  ...a,
});

describe('rankWindow', () => {
  it('ends a period now when the store has reports in it', () => {
    expect(day).toMatchObject({
      period: '24h',
      start: iso(NOW - 24 * HOUR),
      end: iso(NOW),
      historical: false,
      halfLifeMs: 12 * HOUR,
    });
    expect(day.growthSince).toBe(iso(NOW - GROWTH_HOURS * HOUR));
    const week = rankWindow('7d', { oldest: null, newest: iso(NOW - 6 * 24 * HOUR) }, NOW);
    expect(week).toMatchObject({
      start: iso(NOW - 7 * 24 * HOUR),
      end: iso(NOW),
      historical: false,
      halfLifeMs: 3.5 * 24 * HOUR,
    });
  });

  it('ends a period at the newest report of a store older than the period', () => {
    const newest = Date.parse('2020-01-05T16:14:00Z');
    const w = rankWindow('24h', { oldest: '2020-01-01T03:00:00.000Z', newest: iso(newest) }, NOW);
    expect(w).toMatchObject({ start: iso(newest - 24 * HOUR), end: iso(newest), historical: true });
    expect(rankWindow('7d', { oldest: null, newest: iso(newest) }, NOW)).toMatchObject({
      start: iso(newest - 7 * 24 * HOUR),
      historical: true,
    });
  });

  it('covers everything for all, with the span of the data as half-life (at least the growth hours)', () => {
    const w = rankWindow('all', { oldest: '2020-01-01T00:00:00.000Z', newest: '2020-01-05T00:00:00.000Z' }, NOW);
    expect(w).toMatchObject({
      start: null,
      end: '2020-01-05T00:00:00.000Z',
      historical: true,
      halfLifeMs: 4 * 24 * HOUR,
    });
    const short = rankWindow('all', { oldest: iso(NOW - 2 * HOUR), newest: iso(NOW - HOUR) }, NOW);
    expect(short).toMatchObject({ end: iso(NOW - HOUR), historical: false, halfLifeMs: GROWTH_HOURS * HOUR });
    expect(rankWindow('all', { oldest: null, newest: null }, NOW)).toMatchObject({
      start: null,
      end: iso(NOW),
      historical: false,
    });
  });
});

describe('storyScore', () => {
  it('ranks a big two-language, several-outlet cluster above a one-article one of the same hour', () => {
    const big = storyScore(
      activity({ articles: 21, outlets: 4, languages: 2, newest: iso(NOW - 30 * 60_000), recent: 6 }),
      day,
    );
    const single = storyScore(activity({ newest: iso(NOW - 10 * 60_000), recent: 1 }), day);
    expect(big).toBeGreaterThan(4 * single);
  });

  it('weighs outlets and languages above one outlet repeating itself, and size above a bilingual pair', () => {
    const oneOutlet = storyScore(activity({ articles: 8 }), day);
    expect(storyScore(activity({ articles: 8, outlets: 4 }), day)).toBeCloseTo(2 * oneOutlet);
    expect(storyScore(activity({ articles: 8, languages: 2 }), day)).toBeCloseTo(1.5 * oneOutlet);
    expect(storyScore(activity({ articles: 2, languages: 2 }), day)).toBeLessThan(oneOutlet);
  });

  it('damps counts: the second report adds more than the twentieth', () => {
    const s = (n: number) => storyScore(activity({ articles: n }), day);
    expect(s(2) - s(1)).toBeGreaterThan(s(21) - s(20));
    expect(s(1)).toBeCloseTo(1);
  });

  it('halves the score every half-life of age of the newest report, never rewards a future date', () => {
    const fresh = storyScore(activity({ articles: 5 }), day);
    expect(storyScore(activity({ articles: 5, newest: iso(NOW - 12 * HOUR) }), day)).toBeCloseTo(fresh / 2);
    expect(storyScore(activity({ articles: 5, newest: iso(NOW - 24 * HOUR) }), day)).toBeCloseTo(fresh / 4);
    expect(storyScore(activity({ articles: 5, newest: iso(NOW + 5 * HOUR) }), day)).toBeCloseTo(fresh);
  });

  it('lifts growth in the last hours by a quarter per doubling', () => {
    const still = storyScore(activity({ articles: 7 }), day);
    expect(storyScore(activity({ articles: 7, recent: 1 }), day)).toBeCloseTo(1.25 * still);
    expect(storyScore(activity({ articles: 7, recent: 3 }), day)).toBeCloseTo(1.5 * still);
    expect(storyScore(activity({ articles: 7, recent: 7 }), day)).toBeCloseTo(1.75 * still);
  });
});
