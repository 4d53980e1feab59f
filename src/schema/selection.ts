// What a document asks for beneath a field, for resolvers that can skip work nobody reads.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * True when a field named one of `names` appears anywhere beneath the field `info` resolves,
 * through fragments and at any depth, whatever its type or directives: an over-estimate, so a
 * resolver that skips work when this is false never skips work a field reads. (Written here:
 * Pothos' selection helpers answer for one level of one model type, and a parser of the whole
 * resolve info, such as graphql-parse-resolve-info, does far more than a name search needs.)
 */
export function selectsAnyField(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const visited = new Set<string>();
  const search = (selectionSet: SelectionSetNode | undefined): boolean =>
    selectionSet !== undefined &&
    selectionSet.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return names.has(selection.name.value) || search(selection.selectionSet);
        case Kind.INLINE_FRAGMENT:
          return search(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (visited.has(name)) return false;
          visited.add(name);
          return search(info.fragments[name]?.selectionSet);
        }
        default:
          return false;
      }
    });
  return info.fieldNodes.some((node) => search(node.selectionSet));
}
