import { afterEach, describe, expect, it, vi } from 'vitest';
import { required } from '../fixtures/required.js';

describe('required tools and data sets', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails the run under CI=true when a tool or data set is missing', () => {
    vi.stubEnv('CI', 'true');
    expect(() => required(false, 'The test corpus')).toThrow(/The test corpus is missing; with CI=true/);
    expect(required(true, 'The test corpus')).toBe(true);
  });

  it('skips with a notice on a developer machine', () => {
    vi.stubEnv('CI', '');
    const notice = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(required(false, 'Chromium')).toBe(false);
    expect(notice).toHaveBeenCalledWith(expect.stringContaining('Chromium is missing'));
    notice.mockRestore();
  });
});
