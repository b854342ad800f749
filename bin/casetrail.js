#!/usr/bin/env node
// The installed `casetrail` command: runs the compiled CLI, building it first on a fresh checkout
// or when a source file changed since the last build (a stale build would lack new commands).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');

/** The newest modification time of the TypeScript sources, in milliseconds. */
function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['apps', 'libs'].map((d) => join(root, d)).filter(existsSync);
const stale = !existsSync(entry) || Math.max(...sources.map(newestSource)) > statSync(entry).mtimeMs;
if (stale) {
  process.stderr.write('casetrail: building the CLI from source first (npm run build)...\n');
  // Build output goes to stderr so that stdout stays the command's own (scripts parse it).
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
  if (build.status !== 0 || !existsSync(entry)) {
    process.stderr.write('casetrail: the build failed; see the output above.\n');
    process.exit(build.status || 1);
  }
}

// An import streams its file, so its live data is small; left alone V8 still lets the heap grow
// to hundreds of MB of garbage on a million rows. A bounded heap keeps a large import's resident
// memory near 200 MB at the same speed (npm run bench -- --phase import). NODE_OPTIONS wins.
const heapFlag = '--max-old-space-size';
if (process.argv[2] === 'import' && !process.execArgv.some((a) => a.startsWith(heapFlag)) && !(process.env.NODE_OPTIONS ?? '').includes(heapFlag)) {
  const run = spawnSync(process.execPath, [`${heapFlag}=256`, process.argv[1], ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}

require(entry);
