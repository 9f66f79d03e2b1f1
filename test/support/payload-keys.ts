/**
 * The payload keys of the test run (global-setup puts them in TEMPORAL_PAYLOAD_KEYS). Fixed and
 * committed on purpose, and good for tests only: histories recorded with RECORD_HISTORIES=1 are
 * encrypted with them and must replay on any machine (workflows/replay.test.ts).
 */
export const TEST_PAYLOAD_KEY_ID = 'test-2026-12';
export const TEST_PAYLOAD_KEYS = `${TEST_PAYLOAD_KEY_ID}:h9acAqtA2RIuthzTDHsCT7PAbnxiPTiLgQYdsNpimOs=`;
/** A second key, for rotation tests: never the run's active key. */
export const OTHER_TEST_PAYLOAD_KEY = 'test-rotated:8SKWd22HbOsj0El+RtA3Ee81GAaG62DlOdIZqbJA+gQ=';
