/** Lock files and binaries hold hashes that look random but are not credentials. */
const skipped =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|Pipfile\.lock|Cargo\.lock|go\.sum|composer\.lock|Gemfile\.lock|\.gitleaksignore|secrets-baseline\.json)$|\.(?:png|jpe?g|gif|ico|webp|pdf|zip|gz|tgz|woff2?|ttf|otf|eot|wasm|lock|mp[34]|mov|jar|class|so|dylib|dll|exe)$/i;

/** True for the files the secrets scan reads (the check and the history scan alike). */
export function isScannablePath(path: string): boolean {
  return !skipped.test(path);
}
