import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './node-version.ts';

describe('nodeVersionProblem', () => {
  it('refuses releases before 20.19.0, saying which one runs and what to install', () => {
    expect(nodeVersionProblem('18.20.4')).toBe(
      'Clinic Site needs Node.js 20.19.0 or newer; this is Node.js 18.20.4. Install a current LTS release (22 or 24, from nodejs.org or your system packages), then start it again.',
    );
    expect(nodeVersionProblem('20.18.3')).toMatch(/this is Node\.js 20\.18\.3/);
    expect(nodeVersionProblem('8.17.0')).toMatch(/this is Node\.js 8\.17\.0/);
  });

  it('accepts 20.19.0 and everything after it', () => {
    for (const version of ['20.19.0', '20.20.2', '21.0.0', '22.12.0', '24.1.0', '100.0.0']) {
      expect(nodeVersionProblem(version)).toBeUndefined();
    }
  });
});
