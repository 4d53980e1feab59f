// What a document asks for beneath a field, for resolvers that can skip work nobody reads.
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields selected directly in `selectionSets`, through inline fragments and fragment spreads
 * (each spread once), whatever their type conditions or directives: a superset of what runs.
 */
export function fieldsOf(
  selectionSets: readonly (SelectionSetNode | undefined)[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  const spread = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        collect(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) collect(selectionSet);
  return fields;
}

/**
 * True when a field named one of `names` appears anywhere beneath the field `info` resolves,
 * through fragments and at any depth: an over-estimate, so a resolver that skips work when this
 * is false never skips work a field reads. (Written here: Pothos' selection helpers answer for
 * one level of one model type, and a parser of the whole resolve info, such as
 * graphql-parse-resolve-info, does far more than a name search needs.)
 */
export function selectsAnyField(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const search = (selectionSets: readonly (SelectionSetNode | undefined)[]): boolean =>
    fieldsOf(selectionSets, info.fragments).some((field) => names.has(field.name.value) || search([field.selectionSet]));
  return search(info.fieldNodes.map((node) => node.selectionSet));
}
