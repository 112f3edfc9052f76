// What the storyline API tests share: the API token with its headers, and a storyline to create.

export const TOKEN = 'test-token-0123456789';
export const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
export const cricket = {
  id: 'ipl-final',
  name: 'IPL final',
  keywords: ['IPL final', 'आईपीएल फाइनल'],
  examples: ['The IPL final was played in Ahmedabad.'],
  threshold: 0.5,
};
