import type { Command } from 'commander';
import { registerDriftCommands } from './drift.js';
import { registerQualityCommands } from './quality.js';
import { registerHookCommands } from './hook.js';
import { registerInitCommands } from './init.js';
import { registerDoctorCommands } from './doctor.js';
import { registerCheckCommands } from './check.js';
import { registerBuildCommands } from './build.js';
import { registerGapsCommands } from './gaps.js';
import { registerSpecCommands } from './spec.js';
import { registerManifestCommands } from './manifest.js';
import { registerConfigCommands } from './config.js';
import { registerWorkerCommands } from './worker.js';

/**
 * Every command group registers itself here. Group modules only declare commands and options;
 * their actions import the system they drive lazily, so `br-guard hook pre-commit` never loads
 * eslint unless it has files to lint.
 */
export function registerCommands(program: Command): void {
  void program;
  registerBuildCommands(program);
  registerDriftCommands(program);
  registerQualityCommands(program);
  registerHookCommands(program);
  registerInitCommands(program);
  registerDoctorCommands(program);
  registerCheckCommands(program);
  registerGapsCommands(program);
  registerSpecCommands(program);
  registerManifestCommands(program);
  registerConfigCommands(program);
  registerWorkerCommands(program);
}
