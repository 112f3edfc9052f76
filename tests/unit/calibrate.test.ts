// Tests ROC-AUC and the best-F1 threshold that calibration reports.
import { describe, expect, it } from 'vitest';
import { bestThreshold, rocAuc } from '../../evaluation/calibrate.js';

describe('rocAuc', () => {
  it('is 1 for perfect separation, 0.5 for none, and counts ties half', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(rocAuc([0.1, 0.2], [0.9, 0.8])).toBe(0);
    expect(rocAuc([0.5], [0.5])).toBe(0.5);
    expect(rocAuc([0.9, 0.3], [0.5, 0.1])).toBe(0.75);
  });
});

describe('bestThreshold', () => {
  it('picks the score that maximises F1 of "at or above means same event"', () => {
    // 0.4 keeps all three positives at the cost of one false positive: F1 6/7 beats 0.8's 4/5.
    const best = bestThreshold([0.9, 0.8, 0.4], [0.5, 0.1]);
    expect(best.threshold).toBe(0.4);
    expect(best.f1).toBeCloseTo(6 / 7);
    expect(bestThreshold([0.9, 0.8], [0.5, 0.1])).toEqual({ threshold: 0.8, f1: 1 });
  });
});
