// Tests walking input folders: links and loops, depth and entry limits, and walking lazily.
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, linkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs, streamInputs, type InputError } from '../../adapters/inputs/read-inputs.js';
import type { IngestItem } from '../../queue/queues.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'sw-walk-'));
const page = (file: string) => writeFileSync(file, `A page of ${path.basename(file)} with some text.`);

describe('walking input directories', () => {
  it('reads each real file once, whether reached through links, hard links or repeated arguments', async () => {
    const d = dir();
    page(path.join(d, 'a.txt'));
    mkdirSync(path.join(d, 'sub'));
    page(path.join(d, 'sub', 'b.txt'));
    symlinkSync('a.txt', path.join(d, 'link-a.txt'));
    symlinkSync('sub', path.join(d, 'link-sub'));
    linkSync(path.join(d, 'a.txt'), path.join(d, 'same-as-a.txt'));
    const { items, errors } = await readInputs([d, path.join(d, 'a.txt'), path.join(d, 'sub', 'b.txt')], 1 << 20);
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.idBase, i.source])).toEqual([
      ['a', path.join(d, 'a.txt')],
      ['b', path.join(d, 'link-sub', 'b.txt')],
    ]);
  });

  it('reports each symbolic link loop once, naming the link and its target, and a dangling link as broken', async () => {
    const d = dir();
    page(path.join(d, 'a.txt'));
    mkdirSync(path.join(d, 'one'));
    page(path.join(d, 'one', 'b.txt'));
    symlinkSync('..', path.join(d, 'one', 'up'));
    mkdirSync(path.join(d, 'two', 'deep'), { recursive: true });
    page(path.join(d, 'two', 'c.txt'));
    symlinkSync('../..', path.join(d, 'two', 'deep', 'back'));
    symlinkSync('self', path.join(d, 'self'));
    symlinkSync('m2', path.join(d, 'm1'));
    symlinkSync('m1', path.join(d, 'm2'));
    symlinkSync('nowhere.txt', path.join(d, 'gone'));
    const { items, errors } = await readInputs([d], 1 << 20);
    expect(items.map((i) => i.idBase)).toEqual(['a', 'b', 'c']);
    const real = realpathSync(d);
    expect(errors).toEqual([
      { source: path.join(d, 'gone'), message: 'broken symbolic link → nowhere.txt' },
      {
        source: path.join(d, 'm1'),
        message: `symbolic link loop: ${path.join(d, 'm1')} → ${path.join(d, 'm2')} → ${path.join(d, 'm1')}`,
      },
      {
        source: path.join(d, 'one', 'up'),
        message: `symbolic link loop: ${path.join(d, 'one', 'up')} → .. leads back to ${real}, which is being walked`,
      },
      {
        source: path.join(d, 'self'),
        message: `symbolic link loop: ${path.join(d, 'self')} → ${path.join(d, 'self')}`,
      },
      {
        source: path.join(d, 'two', 'deep', 'back'),
        message: `symbolic link loop: ${path.join(d, 'two', 'deep', 'back')} → ../.. leads back to ${real}, which is being walked`,
      },
    ]);
  });

  it('stops at the depth and entry limits with an error saying so', async () => {
    const d = dir();
    mkdirSync(path.join(d, 'l1', 'l2', 'l3'), { recursive: true });
    page(path.join(d, 'l1', 'top.txt'));
    page(path.join(d, 'l1', 'l2', 'l3', 'deep.txt'));
    const collect = async (limits: { maxDepth: number; maxEntries: number }) => {
      const items: string[] = [];
      const errors: InputError[] = [];
      for await (const e of streamInputs([d], 1 << 20, limits)) {
        if ('error' in e) errors.push(e.error);
        else items.push(e.item.idBase);
      }
      return { items, errors };
    };
    expect(await collect({ maxDepth: 2, maxEntries: 100 })).toEqual({
      items: ['top'],
      errors: [{ source: path.join(d, 'l1', 'l2'), message: 'directory nested more than 2 levels deep: not walked' }],
    });
    const capped = await collect({ maxDepth: 10, maxEntries: 2 });
    expect(capped.items).toEqual([]);
    expect(capped.errors).toEqual([
      {
        source: path.join(d, 'l1', 'l2'),
        message: expect.stringMatching(/^more than 2 files and directories: walk stopped here/),
      },
    ]);
  });

  it('walks lazily and lets timers run while it does', async () => {
    const d = dir();
    for (let k = 0; k < 8; k++) {
      mkdirSync(path.join(d, `d${k}`));
      for (let i = 0; i < 150; i++) page(path.join(d, `d${k}`, `p${String(i).padStart(3, '0')}.txt`));
    }
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const seen: IngestItem[] = [];
    try {
      for await (const e of streamInputs([d], 1 << 20)) {
        if ('error' in e) throw new Error(e.error.message);
        // A file added to a directory not yet listed is found: the tree was not listed up front.
        if (seen.push(e.item) === 1) page(path.join(d, 'd7', 'zz-late.txt'));
      }
    } finally {
      clearInterval(timer);
    }
    expect(seen).toHaveLength(8 * 150 + 1);
    expect(seen.at(-1)!.idBase).toBe('zz-late');
    expect(ticks).toBeGreaterThan(0);
  });
});
