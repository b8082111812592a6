// Runs the given compiled uvu suite files in this process (uvu's own runner), so scripts/test.mjs
// can hand it an explicit, sorted file list.
import { run } from 'uvu/run';

const suites = process.argv.slice(2).map((file) => ({ name: file.replace(/^.*dist\/test\//, ''), file }));
await run(suites, { bail: false });
