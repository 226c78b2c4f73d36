/** Configuration from the environment: defaults, flags, and a clear refusal of a wrong value. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs the background jobs unless NUANYANG_JOBS turns them off; an empty value means unset', () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ NUANYANG_JOBS: '' }).jobs).toBe(true);
    expect(loadConfig({ NUANYANG_JOBS: 'false' }).jobs).toBe(false);
    expect(loadConfig({ NUANYANG_JOBS: '0' }).jobs).toBe(false);
    expect(() => loadConfig({ NUANYANG_JOBS: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ NUANYANG_JOBS: 'sometimes' })).toThrow(/NUANYANG_JOBS/);
  });
});
