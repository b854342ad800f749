#!/usr/bin/env node
// The installed `casetrail` command: runs the compiled CLI, building it first on a fresh checkout.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

if (!existsSync(entry)) {
  process.stderr.write('casetrail: no build found, running `npm run build` once...\n');
  // Build output goes to stderr so that stdout stays the command's own (scripts parse it).
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
  if (build.status !== 0 || !existsSync(entry)) {
    process.stderr.write('casetrail: the build failed; see the output above.\n');
    process.exit(build.status || 1);
  }
}

require(entry);
