// The base of every error a client can cause and act on, apart from GraphQL so that the read
// layer (src/read/) can raise it too; src/graphql/conventions/error-classes.ts builds the typed errors on it.

/** The base of every typed error; `code` is stable for programs, `message` is for people. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
