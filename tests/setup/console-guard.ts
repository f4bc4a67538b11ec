import { afterEach, beforeEach, vi } from 'vitest';

// An unexpected console.error or console.warn fails the test that caused it (as in the Epic Stack).
// A test that expects one spies on it itself: vi.spyOn(console, 'error').mockImplementation(() => {}).
beforeEach(() => {
  for (const method of ['error', 'warn'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`Unexpected console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
