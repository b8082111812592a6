import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runDriftCheck } from '../../../src/drift/run-drift-check.js';
import { writeDriftBaseline } from '../../../src/drift/baseline/drift-baseline.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { driftDeps, makeConfig, summary } from './drift-fixtures.js';

const test = suite('drift import rules: undeclared-import, dev-import-in-production, unresolved-import');
const staged = { scope: { kind: 'staged' as const } };
const all = { scope: { kind: 'all' as const } };
const only = (result: Awaited<ReturnType<typeof runDriftCheck>>): string[] =>
  summary(result).filter((line) => /^(?:undeclared-import|dev-import-in-production|unresolved-import) /.test(line));

const rootPackage = JSON.stringify({
  name: 'shop',
  dependencies: { express: '5' },
  devDependencies: { vitest: '3', '@types/lodash': '4' },
  workspaces: ['packages/*'],
});

test('undeclared-import: a package the nearest package.json (or the root above it) does not declare; builtins, aliases, self and @types for type imports pass', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'package.json': rootPackage,
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@app/*": ["src/*"] } } }',
      'packages/ui/package.json': JSON.stringify({ name: '@shop/ui', dependencies: { react: '19' } }),
      'src/util.ts': 'export const u = 1;\n',
    },
  });
  try {
    repo.write({
      'src/server.ts': [
        "import express from 'express';",
        "import fs from 'node:fs';",
        "import path from 'path';",
        "import { u } from '@app/util';",
        "import type { Dictionary } from 'lodash';",
        "import chalk from 'chalk';",
        "import { z } from 'zod/v4';",
        "import self from 'shop/package.json';",
        "const lazy = await import('@scope/lazy');",
        "const cjs = require('left-pad');",
        'export { express, fs, path, u, chalk, z, self, lazy, cjs };',
        'export type D = Dictionary<string>;',
      ].join('\n'),
      'packages/ui/src/button.tsx':
        "import React from 'react';\nimport express from 'express';\nimport { clsx } from 'clsx';\nexport { React, express, clsx };\n",
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, null), staged);
    assert.equal(only(result).sort(), [
      'undeclared-import packages/ui/src/button.tsx -> clsx',
      'undeclared-import src/server.ts -> @scope/lazy',
      'undeclared-import src/server.ts -> chalk',
      'undeclared-import src/server.ts -> left-pad',
      'undeclared-import src/server.ts -> zod',
    ]);
    const clsx = result.violations.find((v) => v.key.endsWith('clsx'));
    assert.is(clsx?.line, 3);
    assert.match(clsx?.message ?? '', /imports "clsx", which packages\/ui\/package\.json does not declare: npm install clsx/);
    assert.is(result.passed, false);
    // Declaring it fixes it; --all sees the same tree.
    repo.commit('ui', { 'packages/ui/package.json': JSON.stringify({ name: '@shop/ui', dependencies: { react: '19', clsx: '2' } }) });
    assert.equal(
      only(await runDriftCheck(await driftDeps(repo, null), all)).filter((line) => line.includes('button')),
      [],
    );
  } finally {
    repo.cleanup();
  }
});

test('undeclared-import, Python: imports against pyproject/requirements with name mapping; stdlib, local and relative modules pass', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = ["PyYAML>=6", "scikit-learn", "fastapi"]\n',
      'requirements-dev.txt': 'pytest\nbeautifulsoup4\n',
      'svc/__init__.py': '',
      'svc/models.py': 'X = 1\n',
    },
  });
  try {
    repo.write({
      'svc/app.py': [
        'import os, sys, json',
        'from dataclasses import dataclass',
        'import yaml',
        'from sklearn.linear_model import LinearRegression',
        'from fastapi import FastAPI',
        'from bs4 import BeautifulSoup',
        'from svc.models import X',
        'from . import models',
        'import requests',
        'from PIL import Image',
      ].join('\n'),
      'tests/test_app.py': 'import pytest\nimport hypothesis\n',
      'tools/setup-based/setup.py': 'from setuptools import setup\n',
      'tools/setup-based/run.py': 'import anything_goes\n',
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, null), staged);
    assert.equal(only(result), [
      'undeclared-import svc/app.py -> requests',
      'undeclared-import svc/app.py -> PIL',
      'undeclared-import tests/test_app.py -> hypothesis',
    ]);
    assert.match(result.violations.find((v) => v.key.endsWith('PIL'))?.message ?? '', /which pyproject\.toml does not declare/);
  } finally {
    repo.cleanup();
  }
});

test('dev-import-in-production: a devDependency imported at run time from shipped code; tests, configs, scripts and type-only imports pass', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': rootPackage } });
  try {
    repo.write({
      'src/index.ts':
        "import { describe } from 'vitest';\nimport type { Dictionary } from 'lodash';\nexport { describe };\nexport type D = Dictionary<number>;\n",
      'src/index.test.ts': "import { test } from 'vitest';\ntest('x', () => {});\n",
      'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({});\n",
      'scripts/release.mjs': "import { run } from 'vitest/node';\nrun();\n",
      'test/helpers.ts': "export { expect } from 'vitest';\n",
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, null), staged);
    assert.equal(only(result), ['dev-import-in-production src/index.ts -> vitest']);
    assert.match(
      result.violations[0]?.message ?? '',
      /src\/index\.ts ships but imports "vitest", a devDependency of package\.json: move it to dependencies/,
    );
    // A configured level lowers it; `off` silences it.
    const warned = await runDriftCheck(
      await driftDeps(
        repo,
        null,
        makeConfig((c) => (c.architecture.rules['dev-import-in-production'] = 'warn')),
      ),
      staged,
    );
    assert.equal(only(warned), ['dev-import-in-production src/index.ts -> vitest [warning]']);
    assert.is(warned.passed, true);
  } finally {
    repo.cleanup();
  }
});

test('unresolved-import: relative imports and tsconfig aliases that reach no file; .js → .ts, index files, extensions and assets resolve (staged, --all, baseline)', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@lib/*": ["lib/*"] } } }',
      'lib/strings.ts': 'export const s = 1;\n',
      'src/widgets/index.tsx': 'export const w = 1;\n',
      'src/logo.svg': '<svg/>\n',
    },
  });
  try {
    repo.write({
      'src/main.ts': [
        "import { s } from '../lib/strings.js';",
        "import { w } from './widgets';",
        "import logo from './logo.svg?url';",
        "import { t } from '@lib/strings';",
        "import { gone } from './ghost.js';",
        "import { missing } from '@lib/missing';",
        "import outside from '../../outside/x.js';",
        "export type { Z } from './types-gone';",
        'export { s, w, logo, t, gone, missing, outside };',
      ].join('\n'),
    });
    repo.git('add', '-A');
    const deps = await driftDeps(repo, null);
    const result = await runDriftCheck(deps, staged);
    assert.equal(only(result), [
      'unresolved-import src/main.ts -> ./ghost.js',
      'unresolved-import src/main.ts -> @lib/missing',
      'unresolved-import src/main.ts -> ./types-gone',
    ]);
    assert.is(result.violations[0]?.line, 5);
    assert.match(result.violations[1]?.message ?? '', /imports "@lib\/missing" \(a tsconfig paths alias\), which resolves to no file/);
    repo.commit('with broken imports');
    // --all reports the same; a baseline takes them, and a new one still fails.
    assert.equal(only(await runDriftCheck(deps, all)), only(result));
    await writeDriftBaseline(repo.root, (await runDriftCheck(deps, all)).violations);
    repo.commit('another', { 'src/other.ts': "import './nowhere';\n" });
    const after = await runDriftCheck(deps, all);
    assert.equal(
      only(after).filter((line) => !line.endsWith('(baselined)')),
      ['unresolved-import src/other.ts -> ./nowhere'],
    );
    assert.is(after.passed, false);
  } finally {
    repo.cleanup();
  }
});

test('fixtures are sample projects: the import rules do not judge them', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"name":"x"}' } });
  try {
    repo.write({ 'test/fixtures/app/server.ts': "import express from 'express';\nimport './missing';\n" });
    repo.git('add', '-A');
    assert.equal(only(await runDriftCheck(await driftDeps(repo, null), staged)), []);
  } finally {
    repo.cleanup();
  }
});

test.run();
