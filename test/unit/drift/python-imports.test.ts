import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePythonImports } from '../../../src/drift/imports/parse-python-imports.js';
import { createPythonResolver } from '../../../src/drift/imports/resolve-python-import.js';

test('parses plain, aliased, relative, parenthesised and TYPE_CHECKING imports', async () => {
  const source = [
    'import os, app.core.models as m',
    '"""import not_me"""',
    '# import nor_me',
    'from ..utils import (helper,',
    '    other as o)',
    'from . import sibling',
    'from app.api import *',
    'if TYPE_CHECKING:',
    '    from app.types import T',
    'else:',
    '    import runtime_only',
  ].join('\n');
  const imports = await parsePythonImports(source);
  assert.equal(
    imports.map((i) => `${i.line}:${i.specifier}:${(i.names ?? []).join(',')}${i.typeOnly ? ':type' : ''}`),
    ['1:os:', '1:app.core.models:', '4:..utils:helper,other', '6:.:sibling', '7:app.api:', '9:app.types:T:type', '11:runtime_only:'],
  );
});

test('resolves absolute, relative, package and submodule imports to repository files', () => {
  const files = new Set([
    'app/__init__.py',
    'app/core/__init__.py',
    'app/core/models.py',
    'app/api/__init__.py',
    'app/api/routes.py',
    'app/utils.py',
    'src/lib/__init__.py',
    'src/lib/tool.py',
    'scripts/run.py',
    'scripts/helper.py',
  ]);
  const resolve = createPythonResolver(files);
  const raw = (specifier: string, names?: string[]) => ({ specifier, line: 1, typeOnly: false, ...(names ? { names } : {}) });
  assert.equal(resolve('app/api/routes.py', raw('app.core.models')), ['app/core/models.py']);
  assert.equal(resolve('app/api/routes.py', raw('app.core', ['models', 'missing'])), ['app/core/models.py', 'app/core/__init__.py']);
  assert.equal(resolve('app/api/routes.py', raw('..utils', ['x'])), ['app/utils.py']);
  assert.equal(resolve('app/api/routes.py', raw('.', ['routes'])), ['app/api/routes.py']);
  assert.equal(resolve('app/api/routes.py', raw('.', ['nothing'])), ['app/api/__init__.py']);
  assert.equal(resolve('app/api/routes.py', raw('lib.tool')), ['src/lib/tool.py']);
  assert.equal(resolve('scripts/run.py', raw('helper')), ['scripts/helper.py']);
  assert.equal(resolve('app/api/routes.py', raw('requests')), []);
  // No implicit relative imports inside a package: `import routes` there is not app/api/routes.py.
  assert.equal(resolve('app/api/__init__.py', raw('routes')), []);
});

test.run();
