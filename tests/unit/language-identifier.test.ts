// Tests the fastText language identifier shipped in its package: loading, whole texts, unknown words.
import { describe, expect, it } from 'vitest';
import { loadLanguageIdentifier } from '../../adapters/language-identifier.js';

describe('loadLanguageIdentifier', () => {
  it('loads the model shipped in the package once per process', async () => {
    const [a, b] = await Promise.all([loadLanguageIdentifier(), loadLanguageIdentifier()]);
    expect(a).toBe(b);
    expect(a.name).toMatch(/lid\.176/);
  });

  it('reads the whole text, line breaks included', async () => {
    const identifier = await loadLanguageIdentifier();
    const [top] = identifier.identify(
      'Hello\nBonjour à tous, le gouvernement annonce un nouveau plan pour les routes',
      3,
    );
    expect(top).toMatchObject({ lang: 'fr' });
    expect(top!.p).toBeGreaterThan(0.9);
  });

  it('proposes nothing for a text none of whose words it knows', async () => {
    const identifier = await loadLanguageIdentifier();
    expect(identifier.identify('', 5)).toEqual([]);
    expect(identifier.identify('AsiaOne', 5)).toEqual([]);
    expect(identifier.identify('Floods close schools', 5).length).toBe(5);
  });
});
