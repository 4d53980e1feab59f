// The errors a client can cause and act on. Plain classes, so the builder, the server and the
// resolvers can all use them; src/graphql/conventions/errors.ts turns them into GraphQL types.
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { DomainError } from '../../domain/errors.js';

export { DomainError };

export interface Issue {
  /** Where in the input, e.g. ["input", "quantity"]. */
  path: string[];
  message: string;
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: Issue[],
  ) {
    super(message, 'VALIDATION_FAILED');
  }

  /** From a standard-schema (zod) failure, keeping every issue with its field path. */
  static fromIssues(failures: readonly StandardSchemaV1.Issue[]): ValidationError {
    const issues = failures.map((issue) => ({
      path: (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)),
      message: issue.message,
    }));
    return new ValidationError(issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), issues);
  }
}

export class NotFoundError extends DomainError {
  constructor(
    readonly typename: string,
    readonly id: string,
    readonly field: string | null = null,
  ) {
    super(`No ${typename} has the ID ${id}${field ? ` (given as ${field})` : ''}.`, 'NOT_FOUND');
  }
}

/**
 * A global ID this API could not have issued, or one of another type than the field takes: code
 * INVALID_ID on every path. A NotFoundError, so a mutation returns it as its typed result.
 */
export class InvalidIdError extends NotFoundError {
  override readonly code: string = 'INVALID_ID';

  constructor(typename: string, id: string, field: string | null, message: string) {
    super(typename, id, field);
    this.message = message;
  }
}

export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion: number | null,
    readonly field: string | null = null,
  ) {
    super(message, 'CONFLICT');
  }
}

export class ForbiddenError extends DomainError {
  constructor(readonly requiredScope: string) {
    super(`This needs an API key with the "${requiredScope}" scope, sent as "Authorization: Bearer <key>".`, 'FORBIDDEN');
  }
}

export interface Reference {
  typename: string;
  field: string;
  count: number;
}

export class ReferencedError extends DomainError {
  constructor(
    readonly typename: string,
    readonly references: Reference[],
  ) {
    super(
      `This ${typename} cannot be deleted while other objects point to it: ${references
        .map((reference) => `${reference.count} ${reference.typename}${reference.count === 1 ? '' : 's'} (${reference.field})`)
        .join(', ')}.`,
      'REFERENCED',
    );
  }
}
