import { cmsSuite } from './cms-suite.ts';
import { sqliteDatabase } from './harness.ts';

cmsSuite('the CMS on SQLite', sqliteDatabase);
