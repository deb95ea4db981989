/** A check's finding that the adapter does not conform; the runner records it as a failure, never as a crash. */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}
