import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';

/** `br-guard config [--json] [--reference] [--schema]`: the resolved configuration and where each part came from. */
export function registerConfigCommands(program: Command): void {
  program
    .command('config')
    .description('print the resolved configuration and the file each part came from')
    .option('--reference', 'print the reference of every config and quality-standards key (Markdown)')
    .option(
      '--schema [file]',
      'print the JSON Schema (draft-07) of the config file, or of `quality-standards` with --schema quality-standards',
    )
    .action(action(configAction));
}

async function configAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  if (options.schema !== undefined) {
    const [{ toJsonSchema }, { configSchema }, { qualityStandardsSchema }] = await Promise.all([
      import('../../config/json-schema.js'),
      import('../../config/schema.js'),
      import('../../config/quality-standards-schema.js'),
    ]);
    const which = options.schema === true ? 'config' : String(options.schema);
    if (which !== 'config' && which !== 'quality-standards') {
      throw new UsageError(`--schema: expected config or quality-standards, got "${which}"`);
    }
    const schema =
      which === 'config'
        ? toJsonSchema(configSchema, 'br-guard configuration (.br-guardrc.yaml, package.json#br-guard, ...)')
        : toJsonSchema(qualityStandardsSchema, 'br-guard quality standards (quality-standards.yaml)');
    context.stdout(JSON.stringify(schema, null, 2));
    return ExitCode.ok;
  }
  if (options.reference) {
    const { configReference } = await import('../../config/schema-reference.js');
    context.stdout(configReference());
    return ExitCode.ok;
  }
  const [git, loaded] = await Promise.all([context.git(), context.config()]);
  const { describeLoadedConfig } = await import('../../config/describe-config.js');
  const described = describeLoadedConfig(git.root, loaded);
  if (context.json) context.stdout(JSON.stringify(described, null, 2));
  else {
    const { stringify } = await import('yaml');
    const header = (title: string, file: string | null): string => `# ${title}: ${file ?? 'built-in defaults'}`;
    context.stdout(
      [
        header('config', described.configFile),
        ...Object.entries(described.sources.config).map(([key, file]) => `#   ${key}: ${file ?? 'default'}`),
        stringify(described.config).trimEnd(),
        '',
        header('quality standards', described.standardsFile),
        ...Object.entries(described.sources.standards).map(([key, file]) => `#   ${key}: ${file ?? 'default'}`),
        stringify(described.standards).trimEnd(),
      ].join('\n'),
    );
  }
  return ExitCode.ok;
}
