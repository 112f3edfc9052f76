// Tests that times are shown in the reader's zone, as `<time>` elements, with arrival for undated ones.
import { describe, expect, it } from 'vitest';
import { instantOf, utcDay } from '../../pipeline/extract/article-time.js';
import { articleTime, formatTime, inZone, timeTag, validZone } from '../../web/time-format.js';

describe('formatTime', () => {
  it.each([
    ['2020-01-03T12:03:00Z', 'UTC', '2020-01-03 12:03 UTC'],
    ['2020-01-03T12:03:00Z', 'Asia/Kolkata', '2020-01-03 17:33 GMT+5:30'],
    ['2020-01-03T12:03:00Z', 'Asia/Karachi', '2020-01-03 17:03 GMT+5'],
    ['2020-01-03T01:30:00+05:30', 'UTC', '2020-01-02 20:00 UTC'],
    ['2020-07-03T12:03:00Z', 'America/New_York', '2020-07-03 08:03 EDT'],
    // No offset: read as UTC, whatever the server's own zone.
    ['2020-01-03T12:03', 'Asia/Kolkata', '2020-01-03 17:33 GMT+5:30'],
    // A date alone names no hour: it stays the date.
    ['2020-01-03', 'Asia/Kolkata', '2020-01-03'],
    ['not a time', 'UTC', 'not a time'],
  ])('%s in %s is %s', (iso, zone, shown) => expect(formatTime(iso, zone)).toBe(shown));

  it('uses the zone of the request being rendered, UTC outside one', () => {
    expect(formatTime('2020-01-03T12:03:00Z')).toBe('2020-01-03 12:03 UTC');
    expect(inZone('Asia/Kolkata', () => formatTime('2020-01-03T12:03:00Z'))).toBe('2020-01-03 17:33 GMT+5:30');
  });
});

describe('time elements', () => {
  it('carry the instant in UTC and show it in the zone', () => {
    expect(String(timeTag('2020-01-03T01:30:00+05:30', 'Asia/Karachi'))).toBe(
      '<time datetime="2020-01-02T20:00:00.000Z">2020-01-03 01:00 GMT+5</time>',
    );
    expect(String(timeTag('2020-01-03'))).toBe('<time datetime="2020-01-03" title="date only">2020-01-03</time>');
    expect(timeTag(null)).toBe('');
  });

  it('mark arrival as received when there is no publication time', () => {
    const at = { publishedAt: null, ingestedAt: '2026-11-30T09:00:00.000Z' };
    expect(String(articleTime(at))).toBe(
      '<span class="undated">undated · received <time datetime="2026-11-30T09:00:00.000Z">2026-11-30 09:00 UTC</time></span>',
    );
    expect(String(articleTime({ ...at, publishedAt: '2020-01-03T12:03:00Z' }))).toBe(
      '<span class="published"><time datetime="2020-01-03T12:03:00.000Z">2020-01-03 12:03 UTC</time></span>',
    );
  });
});

describe('zones and days', () => {
  it('accepts IANA zones as named and refuses others', () => {
    expect(validZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(validZone('UTC')).toBe('UTC');
    expect(validZone('Mars/Olympus')).toBeUndefined();
    expect(validZone('')).toBeUndefined();
    expect(validZone(undefined)).toBeUndefined();
  });

  it('gives the UTC day of publication, none for an undated or unreadable time', () => {
    expect(utcDay('2020-01-03T01:30:00+05:30')).toBe('2020-01-02');
    expect(utcDay('2020-01-03')).toBe('2020-01-03');
    expect(utcDay(null)).toBeNull();
    expect(utcDay('soon')).toBeNull();
    expect(instantOf('2020-01-03T00:00')).toBe(Date.UTC(2020, 0, 3));
  });
});
