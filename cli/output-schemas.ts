/** `npm run schemas`: write schemas/*.schema.json from core/schema/output.ts (test/output-schema.test.ts checks they match). */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { outputJsonSchemas } from '../core/schema/output.js';
import { PACKAGE_ROOT } from './load.js';

const dir = join(PACKAGE_ROOT, 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, doc] of Object.entries(outputJsonSchemas())) writeFileSync(join(dir, name), JSON.stringify(doc, null, 2) + '\n');
process.stderr.write(`wrote ${Object.keys(outputJsonSchemas()).join(', ')} in schemas/\n`);
