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

  it('reads DATABASE_READ_URL beside DATABASE_URL only; unset (or empty) means the main pool serves the reports', () => {
    expect(loadConfig({}).readDatabaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://a@db/x', DATABASE_READ_URL: '' }).readDatabaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://a@db/x', DATABASE_READ_URL: 'postgres://replica/x' }).readDatabaseUrl).toBe('postgres://replica/x');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/x' })).toThrow(/DATABASE_READ_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db/x', DATABASE_READ_URL: 'not a url' })).toThrow(/DATABASE_READ_URL/);
  });
});
