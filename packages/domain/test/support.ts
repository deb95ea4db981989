import { isMotlanError, type MotlanError } from '@motlan/errors';

/** The MotlanError `fn` throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): MotlanError {
  try {
    fn();
  } catch (error) {
    if (isMotlanError(error)) return error;
    throw error;
  }
  throw new Error('expected a MotlanError, nothing was thrown');
}
