import { SqliteStore } from '../workers/sqlite-store.js';
import { DashboardQueries } from '../web/dashboard-queries.js';
const q = new DashboardQueries(new SqliteStore('/tmp/whdemo/data/storywatch.sqlite').db);
console.log(q.search('स्टील मिल्स').total, q.search('स्टील').total, q.search('पाकिस्तान').total);
