import type { Command } from 'commander';
import type { Spec, SpecValidation } from '../../domain/spec.js';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';

/** `br-guard spec parse [--json]` and `br-guard spec validate [--json]`. */
export function registerSpecCommands(program: Command): void {
  const spec = program.command('spec').description('read PROJECT_SPEC.md: its features, tech stack and file structure');
  spec
    .command('parse')
    .description('parse the spec and print what br-guard understood (features, items with ids, tech stack)')
    .action(action(parseAction));
  spec
    .command('validate')
    .description('check the spec: cycles, unknown dependencies, duplicate features, features with nothing to check (exit 1 when invalid)')
    .action(action(validateAction));
  spec
    .command('draft')
    .description('write a PROJECT_SPEC.md drafted from the repository (manifests, README, modules, endpoints), for a person to edit')
    .option('--output <file>', 'where to write it (default: config spec, else PROJECT_SPEC.md at the repository root)')
    .option('--force', 'replace an existing spec')
    .action(
      action(async (context, options) => {
        const { prepareDraft, writeDraft } = await import('./spec-draft.js');
        const result = await writeDraft(context, await prepareDraft(context, options));
        if (context.json) context.stdout(JSON.stringify(result, null, 2));
        return ExitCode.ok;
      }),
    );
}

async function parseAction(context: CommandContext): Promise<number> {
  const spec = await context.spec();
  if (context.json) context.stdout(JSON.stringify(spec, null, 2));
  else {
    context.stdout(specSummary(spec));
    for (const warning of spec.warnings) context.stderr(`${spec.file}:${warning.line}: warning: ${warning.message}`);
  }
  return ExitCode.ok;
}

async function validateAction(context: CommandContext): Promise<number> {
  const spec = await context.spec();
  const { validateSpec } = await import('../../spec/validate-spec.js');
  const validation = validateSpec(spec);
  if (context.json) context.stdout(JSON.stringify(validation, null, 2));
  else context.stdout(validationText(spec, validation));
  return validation.valid ? ExitCode.ok : ExitCode.blocking;
}

/** A readable summary of a parsed spec. */
export function specSummary(spec: Spec): string {
  const lines = [`${spec.file}: ${spec.title || '(untitled)'}`];
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${count(spec.features.length, 'feature')}`);
  for (const feature of spec.features) {
    const parts = [
      count(feature.requirements.length, 'requirement'),
      count(feature.files.length, 'file'),
      count(feature.acceptanceCriteria.length, 'criterion').replace('criterions', 'criteria'),
    ];
    const complexity = feature.complexity ? ` [${feature.complexity}]` : '';
    lines.push(`  ${feature.id}${complexity} (line ${feature.line}): ${parts.join(', ')}`);
    if (feature.dependsOn.length > 0) lines.push(`    depends on: ${feature.dependsOn.join(', ')}`);
    if (feature.gate) lines.push(`    gate: ${feature.gate}`);
  }
  if (spec.techStack.dependencies.length > 0) lines.push(`dependencies: ${spec.techStack.dependencies.join(', ')}`);
  if (spec.techStack.tools.length > 0) lines.push(`tools: ${spec.techStack.tools.join(', ')}`);
  if (spec.fileStructure.length > 0) lines.push(`file structure: ${count(spec.fileStructure.length, 'file')}`);
  if (spec.warnings.length > 0) lines.push(count(spec.warnings.length, 'warning'));
  return lines.join('\n');
}

function validationText(spec: Spec, validation: SpecValidation): string {
  const lines = [
    ...validation.errors.map((error) => `${spec.file}:${error.line}: error: ${error.message}`),
    ...validation.warnings.map((warning) => `${spec.file}:${warning.line}: warning: ${warning.message}`),
  ];
  lines.push(
    validation.valid
      ? `spec is valid: ${spec.features.length} features${validation.warnings.length ? `, ${validation.warnings.length} warning(s)` : ''}`
      : `spec is invalid: ${validation.errors.length} error${validation.errors.length === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}
