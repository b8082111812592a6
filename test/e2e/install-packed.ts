import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled test tree's root (dist/ under `npm test`, .out-NAME/ in dev runs) and the package root. */
const builtRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface PackedInstall {
  /** A node_modules folder holding the packed br-guard and (as links) its dependencies. */
  nodeModules: string;
  cleanup: () => void;
}

/**
 * Packs br-guard once (`npm pack --ignore-scripts`: the build already ran; `prepare` would
 * rebuild) and installs the tarball into a shared node_modules. Its dependencies are links to
 * this checkout's node_modules: the tests run offline, where `npm install <tarball>` cannot fetch
 * them. Test repositories link their `node_modules` here; because the links resolve to this
 * shared folder, Node finds br-guard's dependencies next to it, as in a real install.
 */
export function installPacked(): PackedInstall {
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-e2e-pkg-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir, packageRoot], {
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  const tarball = join(dir, out.trim().split('\n').pop()!);
  const nodeModules = join(dir, 'node_modules');
  const target = join(nodeModules, 'br-guard');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  // In a dev run (.out-NAME) the tarball's dist may be stale: the code under test is this build.
  if (!builtRoot.endsWith(`${join('dist')}/`)) {
    rmSync(join(target, 'dist', 'src'), { recursive: true, force: true });
    cpSync(join(builtRoot, 'src'), join(target, 'dist', 'src'), { recursive: true });
  }
  for (const entry of readdirSync(join(packageRoot, 'node_modules'))) {
    if (entry === 'br-guard' || entry === '.bin' || entry.startsWith('.')) continue;
    symlinkSync(join(packageRoot, 'node_modules', entry), join(nodeModules, entry));
  }
  mkdirSync(join(nodeModules, '.bin'));
  symlinkSync('../br-guard/dist/src/cli/main.js', join(nodeModules, '.bin', 'br-guard'));
  // npm makes a package's bin executable on install; so does this install.
  chmodSync(join(target, 'dist', 'src', 'cli', 'main.js'), 0o755);
  if (!existsSync(join(target, 'hooks', 'run-hook.sh'))) throw new Error('the packed br-guard has no hooks/run-hook.sh');
  return { nodeModules, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
