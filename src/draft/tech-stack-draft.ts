import type { Dependency } from '../drift/deps/dependency.js';

/** Well-known frameworks, marked as such in the drafted tech stack (a hint for the person editing it). */
const FRAMEWORKS = new Set([
  'express',
  'fastify',
  'koa',
  'hono',
  '@nestjs/core',
  'next',
  'nuxt',
  'react',
  'vue',
  'svelte',
  '@sveltejs/kit',
  'solid-js',
  '@angular/core',
  'astro',
  'remix',
  '@remix-run/react',
  '@trpc/server',
  'prisma',
  '@prisma/client',
  'mongoose',
  'sequelize',
  'typeorm',
  'drizzle-orm',
  'electron',
  'react-native',
  'vite',
  'fastapi',
  'flask',
  'django',
  'starlette',
  'sqlalchemy',
  'pydantic',
  'typer',
  'click',
  'celery',
  'aiohttp',
]);

/** Languages by file extension, in the order they are listed. */
const LANGUAGES: Array<[RegExp, string]> = [
  [/\.(?:[cm]?ts|tsx)$/, 'TypeScript'],
  [/\.(?:[cm]?js|jsx)$/, 'JavaScript'],
  [/\.pyi?$/, 'Python'],
  [/\.go$/, 'Go'],
  [/\.rs$/, 'Rust'],
];

export interface TechStackDraft {
  dependencies: string[];
  tools: string[];
}

/**
 * The tech stack as list items: languages and runtimes, then every runtime dependency of every
 * manifest (frameworks marked), then every development dependency as a tool. Names are written
 * as the manifests declare them, one per item, so drift's tech-stack check admits each exactly.
 * A dependency of a manifest other than the root's says where it is declared.
 */
export function draftTechStack(dependencies: readonly Dependency[], sourceFiles: readonly string[]): TechStackDraft {
  const languages: string[] = [];
  if (dependencies.some((d) => d.ecosystem === 'npm') || sourceFiles.some((f) => /\.[cm]?[jt]sx?$/.test(f))) languages.push('Node.js');
  for (const [pattern, language] of LANGUAGES) if (sourceFiles.some((file) => pattern.test(file))) languages.push(language);
  const runtime = new Map<string, string>();
  const dev = new Map<string, string>();
  // A name declared as a runtime dependency anywhere is listed once, as runtime.
  for (const dependency of sortDependencies(dependencies)) {
    const key = `${dependency.ecosystem}:${dependency.name}`;
    const list = dependency.dev ? dev : runtime;
    if (!runtime.has(key) && !list.has(key)) list.set(key, item(dependency));
  }
  return { dependencies: [...languages, ...runtime.values()], tools: [...dev.values()] };
}

function sortDependencies(dependencies: readonly Dependency[]): Dependency[] {
  // Runtime before dev, so a name declared both ways is kept as runtime; root manifests first.
  const depth = (file: string): number => file.split('/').length;
  return [...dependencies].sort(
    (a, b) =>
      Number(a.dev) - Number(b.dev) || depth(a.file) - depth(b.file) || a.file.localeCompare(b.file) || a.name.localeCompare(b.name),
  );
}

function item(dependency: Dependency): string {
  const notes: string[] = [];
  if (FRAMEWORKS.has(dependency.name)) notes.push('framework');
  if (dependency.file.includes('/')) notes.push(dependency.file);
  return notes.length > 0 ? `${dependency.name} (${notes.join(', ')})` : dependency.name;
}
