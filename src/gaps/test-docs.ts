import type { FileScan } from './scanner/types.js';
import { bodyWeight, NO_TERMS, pathTerms, sizeWeight, termsOfAll, WEIGHTS, type RetrievalDoc } from './retrieval-fields.js';
import type { TestLinks } from './link-tests.js';

/**
 * One retrieval document per test case of a test file (a describe block with tests in it is their
 * context, not a case): its title, its strings, its file and folder, its body, and the words of
 * the definitions it exercises. `codeTerms` is the index's memoised term splitter.
 */
export function testDocsOf(scan: FileScan, links: TestLinks, codeTerms: (text: string) => ReadonlySet<string>): RetrievalDoc[] {
  const tests: RetrievalDoc[] = [];
  const testPath = pathTerms(scan.path.split('/').pop() ?? scan.path);
  // `test/nun/npm.spec.ts`: the folder often names what its tests are about.
  const testFolders = pathTerms(scan.path.split('/').slice(0, -1).join('/'));
  scan.tests.forEach((test, i) => {
    if (test.group && scan.tests.some((other) => other.parents.includes(test.name))) return;
    const body = scan.testBodies?.[i];
    const title = [...test.parents, test.name, test.checks ?? ''].join(' ');
    const literals = termsOfAll(body?.literals ?? [], codeTerms);
    // What the definitions it exercises say they do (`scientific`: "…in scientific notation…; precision (int)…").
    const exercised = new Set(
      links.exercised(scan.path, i).flatMap((name) => [...codeTerms(name), ...codeTerms(links.docOf.get(name) ?? '')]),
    );
    tests.push({
      label: [...test.parents, test.name].join(' › '),
      kind: 'test',
      file: scan.path,
      line: test.line,
      symbol: test.name,
      fields: [
        { name: 'title', weight: WEIGHTS.title, terms: codeTerms(title) },
        { name: 'case', weight: sizeWeight(literals.size, WEIGHTS.testCase), terms: literals },
        { name: 'path', weight: WEIGHTS.testPath, terms: testPath },
        { name: 'path', weight: WEIGHTS.testBody, terms: testFolders },
        {
          name: 'body',
          weight: bodyWeight(body, WEIGHTS.testBody),
          terms: body ? termsOfAll(body.terms, codeTerms) : NO_TERMS,
        },
        { name: 'exercises', weight: sizeWeight(exercised.size, WEIGHTS.exercises), terms: exercised },
      ],
      hollow: false,
    });
  });
  return tests;
}
