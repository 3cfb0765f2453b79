// Development entry for sweep workers when mmplan runs from its TypeScript sources (tests, tsx):
// register tsx in this worker, then load the real worker. The built CLI uses dist/cli/sweep/worker.js.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
