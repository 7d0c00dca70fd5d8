#!/usr/bin/env node
// Serves HashiCorp's Consul API double (@hashicorp/api-double with @hashicorp/consul-api-double's
// templates) on 127.0.0.1 only, with template directories of our own layered over HashiCorp's.
//
//   node serve.js [--port N] [--seed S] [--dir DIR]... [--exit-with-stdin]
//
// Why not HashiCorp's `api-double` command itself: it listens on every interface and serves a
// single directory. This launcher wires the same pieces the same way (api-double's controller:
// path -> template, .config, latency, X-Consul-Index, faker seed) and changes only two things:
//   - it listens on 127.0.0.1, on --port (0, the default, lets the system pick a free port);
//   - it reads each template path from the --dir directories in order, then from HashiCorp's
//     templates: the first directory holding the file wins (a file-level overlay, .config too).
// A --dir holding a model.js: that CommonJS module is what templates see as `model` (the
// sandbox's templates take their one catalog from it, so that every endpoint agrees).
// Its first line on stdout is "consul-double listening on http://127.0.0.1:PORT" (tests and
// scripts wait for it). --exit-with-stdin: exit when stdin closes, so a test's double dies
// with the JVM that started it even when the JVM is killed.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const read = require('util').promisify(fs.readFile);

// api-double's own dependencies (express...), as its CLI loads them.
const apiDoubleRequire = createRequire(require.resolve('@hashicorp/api-double/package.json'));
const hashicorpTemplates = path.dirname(require.resolve('@hashicorp/consul-api-double/package.json'));

function parseArgs(argv) {
  const args = { port: 0, seed: undefined, dirs: [], exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--port': args.port = Number(value()); break;
      case '--seed': args.seed = value(); break;
      case '--dir': args.dirs.push(path.resolve(value())); break;
      case '--exit-with-stdin': args.exitWithStdin = true; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error('--port must be 0..65535');
  }
  for (const dir of args.dirs) {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`no directory ${dir}`);
  }
  args.models = args.dirs.map((dir) => path.join(dir, 'model.js')).filter((file) => fs.existsSync(file));
  if (args.models.length > 1) throw new Error(`more than one model.js: ${args.models.join(', ')}`);
  return args;
}

// api-double resolves a request to ROOT + path and asks the reader for that file; this reader
// maps ROOT to each layer in turn. A path that resolves outside ROOT ("..") is never read.
const ROOT = '/consul-double';
function layeredReader(layers) {
  return function (file) {
    if (!file.startsWith(ROOT + '/')) return Promise.reject(new Error(`outside the templates: ${file}`));
    const relative = file.slice(ROOT.length);
    return layers.reduce((found, dir) => found.catch(() => read(dir + relative)),
      Promise.reject(new Error('not found')));
  };
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`consul-double: ${e.message}`);
    console.error('usage: node serve.js [--port N] [--seed S] [--dir DIR]... [--exit-with-stdin]');
    process.exit(2);
  }
  const layers = [...args.dirs, hashicorpTemplates];
  // Templates run as `with (vars) { ... }` functions, so a name their vars lack is a global.
  if (args.models.length) globalThis.model = require(args.models[0]);
  const controller = require('@hashicorp/api-double')(args.seed, ROOT, layeredReader(layers), process.env, path.resolve);
  const app = apiDoubleRequire('express')();
  app.use(require('@hashicorp/api-double/lib/headers')());
  app.use(apiDoubleRequire('cookie-parser')());
  app.use(apiDoubleRequire('body-parser').text({ type: '*/*' }));
  app.use(controller().serve);

  const server = app.listen(args.port, '127.0.0.1', () => {
    console.log(`consul-double listening on http://127.0.0.1:${server.address().port}`);
    console.log(`consul-double templates: ${layers.join(' over ')}`);
  });
  server.on('error', (e) => {
    console.error(`consul-double: ${e.message}`);
    process.exit(1);
  });
  // At once: held blocking queries would otherwise keep a graceful close waiting.
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  if (args.exitWithStdin) {
    process.stdin.on('end', () => process.exit(0));
    process.stdin.on('error', () => process.exit(0));
    process.stdin.resume();
  }
}

main();
