import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanFile } from '../../../src/gaps/scanner/scan-file.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

async function endpointsOf(files: Record<string, string>): Promise<string[]> {
  const scans: FileScan[] = [];
  for (const [path, content] of Object.entries(files)) scans.push(await scanFile(path, content));
  return linkEndpoints(scans).endpoints.map((e) => `${e.method} ${e.path} ${e.file}:${e.line}`);
}

test('flask: app.route methods, blueprints with url_prefix, register_blueprint overriding it', async () => {
  const endpoints = await endpointsOf({
    'web/app.py':
      'from flask import Flask\nfrom web.views import bp, admin\n\napp = Flask(__name__)\napp.register_blueprint(bp)\napp.register_blueprint(admin, url_prefix="/staff")\n\n@app.route("/")\ndef index():\n    return "hi"\n',
    'web/views.py':
      'from flask import Blueprint\n\nbp = Blueprint("shop", __name__, url_prefix="/shop")\nadmin = Blueprint("admin", __name__, url_prefix="/admin")\n\n@bp.route("/items/<int:item_id>", methods=["GET", "DELETE"])\ndef item(item_id):\n    return str(item_id)\n\n@admin.get("/users")\ndef users():\n    return []\n\n@bp.route("/files/<path:name>")\ndef files(name):\n    return name\n',
  });
  assert.equal(endpoints, [
    'GET / web/app.py:8',
    'GET /shop/items/:item_id web/views.py:6',
    'DELETE /shop/items/:item_id web/views.py:6',
    'GET /staff/users web/views.py:10',
    'GET /shop/files/:name* web/views.py:14',
  ]);
});

test('fastapi: api_route methods and routers imported from a package', async () => {
  const endpoints = await endpointsOf({
    'app/main.py':
      'from fastapi import FastAPI\nfrom app import routers\n\napp = FastAPI()\napp.include_router(routers.orders.router, prefix="/api")\n\n@app.api_route("/ping", methods=["GET", "POST"])\nasync def ping():\n    return {}\n',
    'app/routers/__init__.py': 'from . import orders\n',
    'app/routers/orders.py':
      'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/orders")\n\n@router.patch("/{order_id}")\nasync def update(order_id: str):\n    return {}\n',
  });
  assert.equal(endpoints, ['GET /ping app/main.py:7', 'POST /ping app/main.py:7', 'PATCH /api/orders/:order_id app/routers/orders.py:5']);
});

test('typer and click commands, with explicit names and dashed function names', async () => {
  const typer = await scanFile(
    'cli/main.py',
    'import typer\n\napp = typer.Typer()\n\n@app.command()\ndef build_all():\n    """Builds."""\n    print("x")\n\n@app.command("ship")\ndef deploy():\n    print("y")\n',
  );
  assert.equal(typer.commands, [
    { name: 'build-all', line: 5, framework: 'typer' },
    { name: 'ship', line: 10, framework: 'typer' },
  ]);
  const click = await scanFile(
    'cli/tool.py',
    'import click\n\n@click.group()\ndef cli():\n    """Tool."""\n\n@cli.command(name="sync")\ndef sync_cmd():\n    click.echo("x")\n\n@click.command()\ndef standalone():\n    click.echo("y")\n',
  );
  assert.equal(
    click.commands.map((c) => `${c.name}:${c.framework}`),
    ['sync:click', 'standalone:click'],
  );
});

test('stubs: NotImplementedError, pass and ... bodies; abstract methods, protocols and overloads are not stubs', async () => {
  const scan = await scanFile(
    'core/service.py',
    [
      'from abc import ABC, abstractmethod',
      'from typing import Protocol, overload',
      '',
      'class Base(ABC):',
      '    @abstractmethod',
      '    def run(self):',
      '        raise NotImplementedError',
      '',
      'class Shape(Protocol):',
      '    def area(self) -> float: ...',
      '',
      '@overload',
      'def f(x: int) -> int: ...',
      '',
      'def todo_later():',
      '    raise NotImplementedError("soon")',
      '',
      'def placeholder():',
      '    """Does nothing yet."""',
      '    pass',
      '',
      'def ellipsis_body():',
      '    ...',
      '',
      'def real():',
      '    try:',
      '        return 1',
      '    except Exception:',
      '        pass  # HACK: swallow',
      '',
      'if __name__ == "__main__":',
      '    import sys',
      '',
    ].join('\n'),
  );
  assert.equal(
    scan.stubs.map((s) => `${s.name}:${s.line}:${s.reason}`),
    ['todo_later:16:not-implemented', 'placeholder:18:pass-body', 'ellipsis_body:22:pass-body'],
  );
  assert.equal(scan.todos, [{ tag: 'HACK', text: 'swallow', line: 29 }]);
  assert.equal(
    scan.imports.map((i) => i.source),
    ['abc', 'typing', 'sys'],
  );
  assert.ok(scan.symbols.some((s) => s.name === 'area' && s.kind === 'method' && s.container === 'Shape'));
});

test('pytest tests in test files, with their classes; not in other files', async () => {
  const tests = await scanFile(
    'tests/test_orders.py',
    'import pytest\n\ndef test_creates_an_order():\n    assert True\n\nclass TestCancel:\n    def test_cancels(self):\n        assert True\n\ndef helper():\n    return 1\n',
  );
  assert.equal(tests.tests, [
    { name: 'test_creates_an_order', line: 3, parents: [] },
    { name: 'test_cancels', line: 7, parents: ['TestCancel'] },
  ]);
  const notTests = await scanFile('app/checks.py', 'def test_connection():\n    return True\n');
  assert.equal(notTests.tests, []);
});

test('flask: registrations inside create_app (in an if, in a nested function), flask-restful Api.init_app', async () => {
  const endpoints = await endpointsOf({
    'app/__init__.py':
      'from flask import Flask\nfrom flask_restful import Api\nfrom app.views import bp\nfrom app.resources import Items\n\napi = Api()\napi.add_resource(Items, "/items")\n\n\ndef create_app(testing=False):\n    app = Flask(__name__)\n    if not testing:\n        app.register_blueprint(bp, url_prefix="/v1")\n\n    def later():\n        app.add_url_rule("/health", view_func=health)\n\n    later()\n    api.init_app(app)\n    return app\n',
    'app/resources.py':
      'from flask_restful import Resource\n\n\nclass Items(Resource):\n    def get(self):\n        return []\n\n    def post(self):\n        return {}\n',
    'app/views.py':
      'from flask import Blueprint\n\nbp = Blueprint("v", __name__)\n\n\n@bp.route("/ping")\ndef ping():\n    return "pong"\n',
  });
  assert.equal(endpoints, [
    'GET /items app/__init__.py:7',
    'POST /items app/__init__.py:7',
    'GET /health app/__init__.py:16',
    'GET /v1/ping app/views.py:6',
  ]);
});

test.run();
