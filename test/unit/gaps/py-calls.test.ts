import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanPython } from '../../../src/gaps/scanner/scan-python.js';

async function calls(path: string, code: string): Promise<string[]> {
  const scan = await scanPython(path, code);
  return scan.calls.map((call) => `${call.method ?? '*'} ${call.path}${call.external ? ' external' : ''} @${call.line}`);
}

test('requests and httpx: module calls, request(verb, url), f-strings and constants', async () => {
  assert.equal(
    await calls(
      'worker/sync.py',
      [
        'import requests, httpx',
        'API_URL = "http://localhost:8000/api/v1"',
        'def sync(uid):',
        '    requests.get(f"{API_URL}/users/{uid}")',
        '    httpx.post(API_URL + "/items", json={})',
        '    requests.request("DELETE", f"{settings.API}/items/{item.id}")',
        '    requests.get("https://api.github.com/repos")',
        '    requests.get(url)',
      ].join('\n'),
    ),
    ['GET /api/v1/users/:uid @4', 'POST /api/v1/items @5', 'DELETE /items/:id @6', 'GET /repos external @7'],
  );
});

test('clients with a base URL: assigned, bound by with, TestClient in tests', async () => {
  assert.equal(
    await calls(
      'ui/app.py',
      [
        'import httpx',
        'BASE = "http://127.0.0.1:8000"',
        'client = httpx.Client(base_url=f"{BASE}/api")',
        'client.get("/tasks")',
        'async def load():',
        '    async with httpx.AsyncClient(base_url=BASE) as http:',
        '        await http.put(f"/tasks/{task_id}", json={})',
        '    session = requests.Session()',
        '    session.patch("users/me")',
        'cache.get("/not/a/call")',
      ].join('\n'),
    ),
    ['GET /api/tasks @4', 'PUT /tasks/:task_id @7', 'PATCH /users/me @9'],
  );
  assert.equal(
    await calls(
      'tests/test_items.py',
      'from fastapi.testclient import TestClient\nclient = TestClient(app)\ndef test_x():\n    client.get("/api/v1/items/")\n',
    ),
    ['GET /api/v1/items @4'],
  );
});

test.run();
