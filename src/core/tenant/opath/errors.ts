/** A filter the OPATH parser or evaluator cannot accept, with the offset (0-based) where the problem starts. */
export class OpathError extends Error {
  constructor(message: string, readonly position: number, readonly length = 1) {
    super(`${message} (at position ${position})`);
    this.name = 'OpathError';
  }
}
