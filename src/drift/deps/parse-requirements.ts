import { normalizePypiName, requirementName, type Dependency } from './dependency.js';

/** Requirements of a pip requirements file; options (`-r`, `--index-url`) and URLs are skipped. */
export function parseRequirements(file: string, text: string): Dependency[] {
  const dev = /dev|test|lint|doc/i.test(file.split('/').pop() ?? '');
  const found: Dependency[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) return;
    const name = requirementName(line);
    if (name) found.push({ ecosystem: 'pypi', name: normalizePypiName(name), file, line: index + 1, dev });
  });
  return found;
}
