/** A problem caused by what the user asked: answered kindly, never logged as an error. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The knowledge folder could not be read at all (as opposed to one broken file, which is skipped). */
export class KnowledgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KnowledgeError';
  }
}
