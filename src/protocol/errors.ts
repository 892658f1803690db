// The one error the pure engine raises: input it cannot evaluate (an unknown unit, two
// infusions on one day). Outer layers map it to an OperationOutcome naming `path`.

export class ProtocolInputError extends Error {
  /** JSON path of the offending value, e.g. `events[3].unit`. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = 'ProtocolInputError';
    this.path = path;
  }
}
