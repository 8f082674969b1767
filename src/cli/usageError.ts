/** An error the CLI reports as one line and a non-zero exit, without a stack trace. */
export class UsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
