// SPEC O3/O4/O6 settings: validated like the rest, one line naming the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, testConfig } from '../../src/config.js';

describe('operating settings', () => {
  it('have the documented defaults', () => {
    expect(testConfig()).toMatchObject({ LOG_LEVEL: 'info', PRUNE_INTERVAL_SECONDS: 3600, LOCK_RETENTION_DAYS: 365, AUDIT_RETENTION_DAYS: 400, SUPPORT_PHONE: '0120-000-000', SUPPORT_HOURS: '9:00〜17:00' });
    expect(testConfig({ LOG_LEVEL: ' DEBUG ' }).LOG_LEVEL).toBe('debug');
  });

  it('refuse bad values with one line naming the variable', () => {
    expect(() => testConfig({ LOG_LEVEL: 'loud' })).toThrow(new ConfigError('Invalid setting LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'));
    expect(() => testConfig({ PRUNE_INTERVAL_SECONDS: '-1' })).toThrow(/^Invalid setting PRUNE_INTERVAL_SECONDS: must be a whole number/);
    expect(() => testConfig({ AUDIT_RETENTION_DAYS: '30' })).toThrow(/^Invalid setting AUDIT_RETENTION_DAYS: must be at least LOCK_RETENTION_DAYS \(365\)/);
    expect(() => testConfig({ SUPPORT_PHONE: ' ' })).toThrow('Invalid setting SUPPORT_PHONE: must not be empty (got " ")');
  });
});
