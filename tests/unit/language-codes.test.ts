// Tests that language tags become ISO 639-1 or 639-3 codes, and `und` for what names no language.
import { describe, expect, it } from 'vitest';
import { languageCode } from '../../pipeline/language/language-codes.js';

describe('languageCode', () => {
  it.each([
    ['en', 'en'],
    ['hi', 'hi'],
    ['tl', 'tl'],
    ['eng', 'en'],
    ['hin', 'hi'],
    ['urd', 'ur'],
    ['slv', 'sl'],
    ['tgl', 'tl'],
    ['arb', 'ar'],
    ['uzn', 'uz'],
    ['pbu', 'ps'],
    ['cmn', 'zh'],
    ['pes', 'fa'],
    ['npi', 'ne'],
    ['zlm', 'ms'],
    ['swh', 'sw'],
    ['ara', 'ar'],
    ['fas', 'fa'],
    ['zho', 'zh'],
    ['iw', 'he'],
    ['in', 'id'],
    ['en-IN', 'en'],
    ['hi_IN', 'hi'],
    ['EN-us', 'en'],
    ['zh-Hans-CN', 'zh'],
    ['pt-BR', 'pt'],
    ['bho', 'bho'],
    ['yue', 'yue'],
    ['ckb', 'ckb'],
  ])('%s → %s', (tag, code) => {
    expect(languageCode(tag)).toBe(code);
  });

  it('gives und for what names no language', () => {
    for (const tag of ['', 'und', 'english', 'xx', 'qaa', 'x-klingon', null, undefined])
      expect(languageCode(tag)).toBe('und');
  });
});
