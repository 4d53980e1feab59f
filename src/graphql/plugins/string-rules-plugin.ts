// A Pothos plugin that holds every string argument of every field to the rules of
// src/domain/text-rules.ts: no lone surrogates and no control characters other than LF, CR and
// TAB, in IDs, filters, searches, slugs and mutation inputs alike. Mutation fields' zod rules (validators.ts) run first
// and are stricter where a field is one line; this check covers what no zod rule names. The
// error is a ValidationError with the argument's path: a typed result for a mutation,
// BAD_USER_INPUT for anything else (src/server/errors.ts).
// Written here because graphql-js has no hook for every String input, and replacing the String
// scalar is not allowed; Pothos argument mappers see every field's arguments, including those
// plugin-drizzle's planner reads for nested connections.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { ValidationError } from '../conventions/error-classes.js';
import { textProblem } from '../../domain/text-rules.js';

const pluginName = 'stringRules';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      stringRules: StringRulesPlugin<Types>;
    }
  }
}

/** The first string in `args` that breaks the rules, with its path; null when all are clean. */
export function firstBadString(args: Record<string, unknown>): { path: string[]; problem: string } | null {
  // Iterative: a filter nested thousands of levels deep must not overflow the stack here.
  const pending: { value: unknown; path: string[] }[] = Object.entries(args).map(([key, value]) => ({ value, path: [key] }));
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value, true);
      if (problem) return { path, problem };
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) pending.push({ value: item, path: [...path, String(index)] });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

export class StringRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    return {
      ...fieldConfig,
      argMappers: [
        ...(fieldConfig.argMappers ?? []),
        (args: Record<string, unknown>) => {
          const bad = firstBadString(args);
          if (bad) throw new ValidationError(`${bad.path.join('.')}: ${bad.problem}`, [{ path: bad.path, message: bad.problem }]);
          return args;
        },
      ],
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, StringRulesPlugin);

export default pluginName;
