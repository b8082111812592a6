import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Manifest, Spec, SpecFeature } from '../../../src/domain/spec.js';
import { scanSequentially } from '../../../src/gaps/scan-many.js';
import { isScannable } from '../../../src/gaps/scanner/scan-file.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import { buildCodeIndex } from '../../../src/gaps/code-index.js';
import { analyzeGaps } from '../../../src/gaps/analyze-gaps.js';
import type { GapReport } from '../../../src/gaps/types.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

export const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'gaps');

/**
 * A minimal reader of the spec subset the fixtures use (features with bullet lists), so the gap
 * analyzer's tests do not depend on the spec system: ids are `feature:kind:n`.
 */
export function readFixtureSpec(text: string, file = 'PROJECT_SPEC.md'): { spec: Spec; manifest: Manifest } {
  const features: SpecFeature[] = [];
  let section = '';
  let description = false;
  text.split('\n').forEach((line, index) => {
    const feature = /^###\s+Feature:\s*(.+)$/.exec(line);
    if (feature) {
      const name = (feature[1] as string).trim();
      features.push({
        id: name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
        name,
        complexity: null,
        description: '',
        requirements: [],
        files: [],
        fileLines: [],
        acceptanceCriteria: [],
        dependsOn: [],
        dependencyTexts: [],
        gate: null,
        line: index + 1,
      });
      section = '';
      return;
    }
    const current = features.at(-1);
    if (!current) return;
    const label = /^\*\*(.+?):\*\*\s*(.*)$/.exec(line);
    if (label) {
      section = (label[1] as string).toLowerCase();
      description = section === 'description';
      if (description && label[2]) current.description += label[2];
      return;
    }
    const bullet = /^\s*-\s+(.+)$/.exec(line);
    if (description && line.trim() && !bullet) current.description += `${current.description ? ' ' : ''}${line.trim()}`;
    if (!bullet) return;
    const value = (bullet[1] as string).trim();
    if (section === 'requirements')
      current.requirements.push({ id: `${current.id}:requirement:${current.requirements.length + 1}`, text: value, line: index + 1 });
    if (section === 'files') {
      current.files.push(value);
      current.fileLines.push(index + 1);
    }
    if (section === 'acceptance criteria')
      current.acceptanceCriteria.push({
        id: `${current.id}:acceptance:${current.acceptanceCriteria.length + 1}`,
        text: value,
        line: index + 1,
      });
  });
  const spec: Spec = {
    file,
    title: 'fixture',
    overview: '',
    features,
    techStack: { dependencies: [], tools: [] },
    performanceRequirements: [],
    fileStructure: [],
    warnings: [],
  };
  const manifest: Manifest = {
    specHash: 'fixture',
    items: features.flatMap((feature) => [
      ...feature.requirements.map((item) => ({ id: item.id, featureId: feature.id, kind: 'requirement' as const, text: item.text })),
      ...feature.files.map((path, i) => ({ id: `${feature.id}:file:${i + 1}`, featureId: feature.id, kind: 'file' as const, text: path })),
      ...feature.acceptanceCriteria.map((item) => ({ id: item.id, featureId: feature.id, kind: 'acceptance' as const, text: item.text })),
    ]),
  };
  return { spec, manifest };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Runs the analysis core on a fixture folder, without git: every file of the folder counts. */
export async function analyzeFixture(name: string, ignoreEndpoints: string[] = []): Promise<GapReport> {
  const root = join(FIXTURES, name);
  const files = walk(root)
    .map((full) => relative(root, full).split(sep).join('/'))
    .sort();
  const { spec, manifest } = readFixtureSpec(readFileSync(join(root, 'PROJECT_SPEC.md'), 'utf8'));
  const sources = files.filter(isScannable).map((path) => ({ path, content: readFileSync(join(root, path), 'utf8') }));
  const scans = (await scanSequentially(sources)).filter((scan): scan is FileScan => scan !== null);
  const { endpoints, calls } = linkEndpoints(scans);
  const index = buildCodeIndex(files, scans, endpoints);
  const analysis = analyzeGaps({ spec, manifest, index, calls, ignoreEndpoints });
  return { ...analysis, stats: { files: files.length, scanned: scans.length, parsed: scans.length, cached: 0, durationMs: 0 } };
}
