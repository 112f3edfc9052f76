// Tests that the first calendar date a line states is found, in English, Hindi and Urdu.
import { describe, expect, it } from 'vitest';
import { findStatedDate } from '../../pipeline/extract/find-date.js';

describe('findStatedDate', () => {
  it.each([
    ['Published September 02, 2025 | 07:49 PM', '2025-09-02T19:49:00'],
    ['11 जुलाई, 2025', '2025-07-11'],
    ['११ जुलाई २०२५', '2025-07-11'],
    ['10 جولائی 2025', '2025-07-10'],
    ['۱۰ جولائی ۲۰۲۵', '2025-07-10'],
    ['اپ ڈیٹ: ٣ مارچ ٢٠٢٤', '2024-03-03'],
    ['2 گھنٹے قبل', null],
    ['on Monday', null],
  ])('%s → %s', (line, date) => {
    expect(findStatedDate(line)).toBe(date);
  });
});
