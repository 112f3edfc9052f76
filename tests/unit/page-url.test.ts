// Tests that page addresses are judged as a site's root, a section or listing, or one item.
import { describe, expect, it } from 'vitest';
import { judgeUrl } from '../../pipeline/extract/page-url.js';

describe('judgeUrl', () => {
  it.each([
    ['https://www.dailyledger.example/', 'root'],
    ['https://urdu.khabarnama.example', 'root'],
    ['https://news.example/index.html', 'root'],
    ['https://www.bbc.example/urdu', 'root'],
    ['https://news.example/hi/', 'root'],
    ['https://news.example/pakistan', 'section'],
    ['https://news.example/world/asia/', 'section'],
    ['https://www.jansamachar.example/rajya/bihar', 'section'],
    ['https://frontierreview.example/tag/steel-mills/', 'section'],
    ['https://frontierreview.example/category/economy/page/3/', 'section'],
    ['https://news.example/state/bihar/patna/articlelist/21236867.cms', 'section'],
    ['https://news.example/2025/07/', 'section'],
    ['https://ministry.example/press-releases?page=2', 'section'],
    ['https://www.dailyledger.example/news/1102301', 'item'],
    ['https://www.dailyledger.example/story/why-the-steel-works-restart-will-take-four-years', 'item'],
    ['https://frontierreview.example/category/economy/steel-imports-rise-as-output-stays-low/', 'item'],
    ['https://news.example/india/china-snubs-imran/articleshow/71496416.cms', 'item'],
    ['https://www.asahi.example/articles/ASM2Q5HKNM2QUCVL02D.html', 'item'],
    ['https://ministry.example/press-release-detail?id=4821', 'item'],
    ['https://blog.example/?p=123', 'item'],
    [
      'https://www.jansamachar.example/rajya/bihar/%E0%A4%97%E0%A4%AF%E0%A4%BE-%E0%A4%AE%E0%A5%87%E0%A4%82-%E0%A4%A8%E0%A4%AF%E0%A4%BE-%E0%A4%AA%E0%A5%81%E0%A4%B2',
      'item',
    ],
    ['https://news.example/a/b/c/d', null],
    ['https://news.example/news/world/story', null],
  ])('%s is %s', (url, kind) => {
    expect(judgeUrl(url)).toBe(kind);
  });
});
