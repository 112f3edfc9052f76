import { SqliteStore } from '../workers/sqlite-store.js';
import { createWebApp } from '../web/app.js';
const store = new SqliteStore('/tmp/whdemo/data/storywatch.sqlite');
const { app } = createWebApp(store, {});
for (const u of ['/api/clusters?storyline=pakistan-steel-mills&limit=2', '/api/search?q=Overchuk', `/search?q=${encodeURIComponent('स्टील मिल्स')}`]) {
  const r = await app.request(u); console.log(u, r.status, (await r.text()).slice(0, 400));
}
