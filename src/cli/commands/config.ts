import type { Command } from 'commander';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';

/** `br-guard config [--json] [--reference]`: the resolved configuration and where each part came from. */
export function registerConfigCommands(program: Command): void {
  program
    .command('config')
    .description('print the resolved configuration and the file each part came from')
    .option('--reference', 'print the reference of every config and quality-standards key (Markdown)')
    .action(action(configAction));
}

async function configAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
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
