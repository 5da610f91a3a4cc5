/** A record is missing or belongs to another team: callers answer 404 / "not found". */
export class NotFoundError extends Error {
  constructor(what = "Record") {
    super(`${what} not found.`);
  }
}

/** Optimistic-lock failure: the record changed since the caller read it. */
export class ConflictError extends Error {
  constructor(
    public current: Record<string, unknown>,
    public changed: string[],
    message = "Someone else saved changes to this record since you opened it.",
  ) {
    super(message);
  }
}

/** A domain rule refused the change (invalid transition, cycle …). */
export class RuleError extends Error {
  constructor(
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

/** Input refused before or outside zod (e.g. a NUL byte); carries field-level messages. */
export class InputError extends Error {
  constructor(
    public fieldErrors: Record<string, string[]>,
    message = "Please correct the highlighted fields.",
  ) {
    super(message);
  }
}
