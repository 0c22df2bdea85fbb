import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait up to 15 s (not 1 s): a loaded CI machine renders slowly, and a wait that
// ends early only costs time when something is really missing.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => cleanup());
