/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which way to follow edges from the entity they are asked on. */
export type Direction =
  /** Edges either way. */
  | 'BOTH'
  /** Edges whose target is the entity. */
  | 'INCOMING'
  /** Edges whose source is the entity. */
  | 'OUTGOING';

/** What an entity of the career graph stands for. */
export type EntityKind =
  /** A seniority level inside a role (entry, mid, senior). */
  | 'LEVEL'
  /** Something a role or level does. */
  | 'RESPONSIBILITY'
  /** A job title on a career ladder. */
  | 'ROLE'
  /** A skill or knowledge area someone needs. */
  | 'SKILL'
  /** A specialized variant of a role. */
  | 'SPECIALIZATION'
  /** A team or function someone works with. */
  | 'TEAM';

/** One sort key of entities. */
export type EntitySort = {
  /** Which way. */
  direction?: SortDirection | null | undefined;
  /** What to sort by. */
  field: EntitySortField;
};

/** What entities can be sorted by; ties always fall back to the stable order. */
export type EntitySortField =
  /** Number of relations touching the entity. */
  | 'DEGREE'
  /** Kind, in the order of EntityKind (career positions first). */
  | 'KIND'
  /** Canonical name, ignoring case. */
  | 'NAME';

/** A filter on entities. Fields combine with AND; AND, OR and NOT nest. */
export type EntityWhere = {
  /** Every one of these filters holds (an empty list: always). */
  AND?: Array<EntityWhere> | null | undefined;
  /** This filter does not hold. */
  NOT?: EntityWhere | null | undefined;
  /** At least one of these filters holds (an empty list: never). */
  OR?: Array<EntityWhere> | null | undefined;
  /** Only entities stated by this document (its file name). */
  document?: string | null | undefined;
  /** Only entities of this kind. */
  kind?: EntityKind | null | undefined;
  /** Only entities of these kinds. */
  kindIn?: Array<EntityKind> | null | undefined;
  /** Only entities whose name or an alias contains this, ignoring case and spacing. */
  nameContains?: string | null | undefined;
  /** Only entities whose name or an alias starts with this, ignoring case and spacing. */
  namePrefix?: string | null | undefined;
  /** Only entities with a relation of this shape. */
  related?: RelatedWhere | null | undefined;
};

/** An entity has a relation of this type, in this direction, to the entity named (id, global id, name or alias). */
export type RelatedWhere = {
  /** OUTGOING: the entity is the relation's source (a role that REQUIRES_SKILL `to`). */
  direction?: Direction | null | undefined;
  /** The entity at the other end: id, global id, name or alias. */
  to: string;
  /** Only relations of this type. */
  type?: RelationType | null | undefined;
};

/** The typed edges of the career graph. */
export type RelationType =
  /** A role, level, specialization or responsibility to a team it works with. */
  | 'COLLABORATES_WITH'
  /** A role to one of its seniority levels. */
  | 'HAS_LEVEL'
  /** A role, level or specialization to a responsibility it holds. */
  | 'HAS_RESPONSIBILITY'
  /** A role to one of its specializations. */
  | 'HAS_SPECIALIZATION'
  /** A career move up or across the ladder: role to role, level to level. */
  | 'PROGRESSES_TO'
  /** A role or specialization to a skill or knowledge area it needs. */
  | 'REQUIRES_SKILL';

/** Which way a sort key runs. */
export type SortDirection =
  /** Smallest first (A to Z). */
  | 'ASC'
  /** Largest first (Z to A). */
  | 'DESC';

export type CareerPathChangesQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type CareerPathChangesQuery = { careerPath: { hops: number, steps: Array<{ entity:
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
      , changes: { responsibilities: { gained: Array<
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
          > }, teams: { gained: Array<
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
            | { name: string }
          > } } | null }>, changes: { responsibilities: { gained: Array<
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
        >, leftBehind: Array<
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
        > }, skills: { gained: Array<
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
          | { name: string }
        > } }, typicalYears: { min: number | null, max: number | null } | null } | null };

export type CareerPathQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type CareerPathQuery = { careerPath: { hops: number, steps: Array<{ via: RelationType | null, entity:
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
        | { name: string, kind: EntityKind }
      , sources: Array<{ document: string, line: number, text: string }> }> } | null };

export type EntitiesPageQueryVariables = Exact<{
  kind?: EntityKind | null | undefined;
  after?: string | null | undefined;
}>;


export type EntitiesPageQuery = { entities: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node:
        | { id: string, name: string, kind: EntityKind }
        | { id: string, name: string, kind: EntityKind }
        | { id: string, name: string, kind: EntityKind }
        | { id: string, name: string, kind: EntityKind }
        | { id: string, name: string, kind: EntityKind }
        | { id: string, name: string, kind: EntityKind }
       }> } };

export type FilteredEntitiesQueryVariables = Exact<{
  where: EntityWhere;
  orderBy?: Array<EntitySort> | EntitySort | null | undefined;
  after?: string | null | undefined;
}>;


export type FilteredEntitiesQuery = { entities: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
    > } };

export type GraphInfoQueryVariables = Exact<{ [key: string]: never; }>;


export type GraphInfoQuery = { graphInfo: { nodeCount: number, edgeCount: number, kinds: Array<{ kind: EntityKind, count: number }>, documents: Array<{ name: string, sha256: string }> } };

export type RoleOverviewQueryVariables = Exact<{
  name: string;
}>;


export type RoleOverviewQuery = { entity:
    | { name: string, aliases: Array<string>, description: string | null, sources: Array<{ document: string, line: number, text: string }> }
    | { name: string, aliases: Array<string>, description: string | null, sources: Array<{ document: string, line: number, text: string }> }
    | { name: string, aliases: Array<string>, description: string | null, levels: Array<{ name: string, responsibilities: Array<{ name: string, sources: Array<{ line: number }> }> }>, teams: Array<{ name: string, aliases: Array<string> }>, nextRoles: Array<{ name: string }>, sources: Array<{ document: string, line: number, text: string }> }
    | { name: string, aliases: Array<string>, description: string | null, sources: Array<{ document: string, line: number, text: string }> }
    | { name: string, aliases: Array<string>, description: string | null, sources: Array<{ document: string, line: number, text: string }> }
    | { name: string, aliases: Array<string>, description: string | null, sources: Array<{ document: string, line: number, text: string }> }
   | null };

export type SearchPageQueryVariables = Exact<{
  text: string;
  after?: string | null | undefined;
}>;


export type SearchPageQuery = { search: Array<{ cursor: string, score: number, entity:
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
      | { id: string, name: string, kind: EntityKind }
     }> };

export type SearchQueryVariables = Exact<{
  text: string;
}>;


export type SearchQuery = { search: Array<{ score: number, entity:
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
      | { name: string, kind: EntityKind, sources: Array<{ line: number, text: string }> }
     }> };

export type SimilarPositionsQueryVariables = Exact<{
  to: string;
}>;


export type SimilarPositionsQuery = { similarPositions: Array<{ score: number, position:
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
    , shared: Array<
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
      | { name: string, kind: EntityKind }
    > }> };

export type SpecializationTeamsQueryVariables = Exact<{ [key: string]: never; }>;


export type SpecializationTeamsQuery = { specializations: Array<{ name: string, aliases: Array<string>, teams: Array<{ name: string }>, skills: Array<{ name: string }> }> };


export const CareerPathChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareerPathChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careerPath"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hops"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"responsibilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gained"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gained"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"responsibilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gained"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leftBehind"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"skills"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gained"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"typicalYears"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}}]}}]}}]} as unknown as DocumentNode<CareerPathChangesQuery, CareerPathChangesQueryVariables>;
export const CareerPathDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareerPath"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careerPath"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hops"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"via"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CareerPathQuery, CareerPathQueryVariables>;
export const EntitiesPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EntitiesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EntityKind"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EntitiesPageQuery, EntitiesPageQueryVariables>;
export const FilteredEntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilteredEntities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"where"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EntityWhere"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EntitySort"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"where"},"value":{"kind":"Variable","name":{"kind":"Name","value":"where"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<FilteredEntitiesQuery, FilteredEntitiesQueryVariables>;
export const GraphInfoDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GraphInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"graphInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeCount"}},{"kind":"Field","name":{"kind":"Name","value":"edgeCount"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"documents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]}}]} as unknown as DocumentNode<GraphInfoQuery, GraphInfoQueryVariables>;
export const RoleOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoleOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"ROLE"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"levels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"responsibilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"document"}},{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]} as unknown as DocumentNode<RoleOverviewQuery, RoleOverviewQueryVariables>;
export const SearchPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ROLE"},{"kind":"EnumValue","value":"LEVEL"},{"kind":"EnumValue","value":"SPECIALIZATION"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<SearchPageQuery, SearchPageQueryVariables>;
export const SearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const SimilarPositionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimilarPositions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"similarPositions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"position"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shared"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]} as unknown as DocumentNode<SimilarPositionsQuery, SimilarPositionsQueryVariables>;
export const SpecializationTeamsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SpecializationTeams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"specializations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"skills"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SpecializationTeamsQuery, SpecializationTeamsQueryVariables>;