import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { setCsrfToken } from './api/client';

// findBy*/waitFor wait up to 15 s (not 1 s): a loaded CI machine renders slowly, and a wait that
// ends early only costs time when something is really missing.
configure({ asyncUtilTimeout: 15_000 });

// Every test starts from nothing: no rendered tree, no fake fetch (fakeServer stubs it) and no
// CSRF token left by an earlier test's session.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});
