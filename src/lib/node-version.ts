/**
 * The oldest Node.js this code runs on (package.json "engines"). Older releases fail on load
 * with errors that do not say why (Node 18: `SyntaxError … 'hash'`), so the entry files check
 * first, before they import anything else. Plain code with no imports, so any Node can run it.
 */
export const MINIMUM_NODE = '20.19.0';

/**
 * What to tell the person when `version` (process.versions.node) is too old; undefined when it will do.
 * @example nodeVersionProblem('18.20.4') // 'Clinic Site needs Node.js 20.19.0 or newer; this is Node.js 18.20.4. …'
 */
export function nodeVersionProblem(version: string): string | undefined {
  const have = version.split('.').map(Number);
  const need = MINIMUM_NODE.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (Number.isNaN(a)) break;
    if (a > b) return undefined;
    if (a < b) {
      return (
        `Clinic Site needs Node.js ${MINIMUM_NODE} or newer; this is Node.js ${version}. ` +
        'Install a current LTS release (22 or 24, from nodejs.org or your system packages), then start it again.'
      );
    }
  }
  return undefined;
}
