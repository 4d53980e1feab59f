// The typed errors as GraphQL types, returned as data in mutation results (@pothos/plugin-errors).
// Anything else stays a masked GraphQL error.
import { builder } from '../builder.js';
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  ReferencedError,
  ValidationError,
  type Issue,
  type Reference,
} from './error-classes.js';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'Something about the request the client can fix; `code` is stable, `message` is for people.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, in a sentence.' }),
    code: t.exposeString('code', {
      description: 'A stable code: VALIDATION_FAILED, NOT_FOUND, INVALID_ID, CONFLICT, FORBIDDEN or REFERENCED.',
    }),
  }),
});

const ValidationIssue = builder.objectRef<Issue>('ValidationIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Where in the input, e.g. ["input", "quantity"].' }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks a rule; every issue names its field.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    issues: t.field({ type: [ValidationIssue], description: 'Each problem with its field path.', resolve: (error) => error.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'An ID in the input names no object of the expected type.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    typename: t.exposeString('typename', { description: 'The type that was expected.' }),
    id: t.exposeID('id', { description: 'The ID given.' }),
    field: t.exposeString('field', { nullable: true, description: 'The input field that held it.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The write conflicts with the stored data: a stale `expectedVersion`, or a slug already taken.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', {
      nullable: true,
      description: 'The stored version now, for a stale `expectedVersion`: reload, reapply, retry.',
    }),
    field: t.exposeString('field', { nullable: true, description: 'The conflicting field, e.g. `slug`.' }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: "The request's API key (or its absence) does not allow this.",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    requiredScope: t.exposeString('requiredScope', { description: 'The scope needed: `write` or `admin`.' }),
  }),
});

const ReferenceType = builder.objectRef<Reference>('Reference').implement({
  description: 'Objects of one type that point to the object being deleted.',
  fields: (t) => ({
    typename: t.exposeString('typename', { description: 'Their type, e.g. `Allocation`.' }),
    field: t.exposeString('field', { description: 'The field that points, e.g. `partner`.' }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

builder.objectType(ReferencedError, {
  name: 'ReferencedError',
  description: 'The object cannot be deleted while others point to it; delete or repoint those first.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    references: t.field({ type: [ReferenceType], description: 'What points to it.', resolve: (error) => error.references }),
  }),
});

/** The typed errors every mutation can return. */
export const mutationErrors = [ValidationError, NotFoundError, ConflictError, ForbiddenError, ReferencedError];
