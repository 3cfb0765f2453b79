/** `npm run readme`: rewrite README.md's counts block from the shipped files (cli/readme-counts.ts). */
import { writeFileSync } from 'node:fs';
import { readReadme, readmePath, withCounts } from './readme-counts.js';

writeFileSync(readmePath(), withCounts(readReadme()));
process.stderr.write('README.md: counts block rewritten\n');
